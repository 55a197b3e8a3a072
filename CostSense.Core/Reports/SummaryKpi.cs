namespace CostSense.Core.Reports;

/// <summary>A headline figure as the summary prints it: a label, the formatted value and a line of context.</summary>
public sealed record SummaryKpi(string Label, string Value, string Note);
