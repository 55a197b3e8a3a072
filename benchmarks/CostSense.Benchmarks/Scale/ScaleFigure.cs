namespace CostSense.Benchmarks.Scale;

/// <summary>
/// One row of the scale benchmark's table: what was measured, its target, the figure, the baseline beside it where there
/// is one (raw grouping, <c>psql \copy</c>, an empty store), and whether the target was met (null: nothing to meet).
/// </summary>
public sealed record ScaleFigure(string Figure, string Target, string Measured, string? Baseline = null, bool? Met = null, string? Note = null);
