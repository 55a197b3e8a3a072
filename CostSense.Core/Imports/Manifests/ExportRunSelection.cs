namespace CostSense.Core.Imports.Manifests;

/// <summary>What <see cref="ExportRunSelector"/> found: the run to import per export and month, and the runs it passed over.</summary>
public sealed record ExportRunSelection(IReadOnlyList<ExportRun> Runs, IReadOnlyList<SkippedExportRun> Skipped);
