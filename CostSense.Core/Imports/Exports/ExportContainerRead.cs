namespace CostSense.Core.Imports.Exports;

/// <summary>
/// One read of the export container: when, the runs it processed, and, when the container could not be read (unreachable,
/// refused, no such container, a malformed manifest), <see cref="Error"/> saying so; then no run was imported.
/// </summary>
public sealed record ExportContainerRead(DateTimeOffset At, IReadOnlyList<ExportRunResult> Runs, string? Error)
{
    /// <summary>Runs imported by this read.</summary>
    public int Imported => Runs.Count(r => r.Outcome == Data.Entities.ExportRunOutcome.Imported);

    /// <summary>Runs refused by this read.</summary>
    public int Refused => Runs.Count(r => r.Outcome == Data.Entities.ExportRunOutcome.Refused);
}
