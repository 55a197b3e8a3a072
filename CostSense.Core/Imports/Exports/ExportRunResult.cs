using CostSense.Core.Data.Entities;

namespace CostSense.Core.Imports.Exports;

/// <summary>
/// What <see cref="ExportRunImporter"/> did with one export run, for a summary line or the settings page: the run, its
/// outcome, and, when imported, each file's summary (format, rows, period, totals, rows replaced). <see cref="Message"/>
/// says why a run was skipped or refused (the <see cref="ImportException"/>'s message), or sums up an import.
/// </summary>
public sealed record ExportRunResult(
    string ExportKey,
    DateOnly Month,
    string RunId,
    DateTimeOffset SubmittedTime,
    string ManifestPath,
    string Dataset,
    ExportRunOutcome Outcome,
    long Rows,
    string Message,
    IReadOnlyList<FileImportSummary> Files);
