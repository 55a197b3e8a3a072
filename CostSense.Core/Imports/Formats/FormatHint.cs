namespace CostSense.Core.Imports.Formats;

/// <summary>
/// What a run's <c>manifest.json</c> says about its files (<c>exportConfig.type</c>, e.g. <c>FocusCost</c>,
/// <c>ActualCost</c>, <c>AmortizedCost</c>; <c>exportConfig.dataVersion</c>, e.g. <c>1.0r2</c>). Either may be null.
/// The header decides the family; the hint names the version the header cannot tell apart (1.0 from 1.0r2) and
/// actual from amortized, whose headers are identical.
/// </summary>
public sealed record FormatHint(string? Type, string? DataVersion);
