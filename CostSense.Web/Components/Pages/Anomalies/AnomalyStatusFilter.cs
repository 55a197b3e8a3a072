namespace CostSense.Web.Components.Pages.Anomalies;

/// <summary>
/// Which anomalies the page lists. <see cref="Open"/> (the default) is what still needs an analyst: the new ones first,
/// then those acknowledged but not yet explained; anomalies marked as expected are closed.
/// </summary>
public enum AnomalyStatusFilter { Open, New, Acknowledged, Expected, All }
