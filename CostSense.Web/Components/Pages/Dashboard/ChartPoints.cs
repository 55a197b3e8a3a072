namespace CostSense.Web.Components.Pages.Dashboard;

/// <summary>How the daily chart groups its points: daily up to a quarter, weekly up to a year, monthly beyond.</summary>
public enum ChartGrain { Day, Week, Month }

public sealed record ChartPoints(ChartGrain Grain, string[] Labels, double[] Values);
