using CostSense.Core.Data.Entities;
using CostSense.Core.Imports;
using CostSense.Core.Imports.Exports;

namespace CostSense.Web.Cli;

/// <summary>
/// The command line's one line per file or export run, the summary the upload page shows: format and version, rows,
/// period, billed and effective cost per currency (exactly as summed, no rounding), rows replaced; or why it was skipped
/// or refused. Invariant culture, so scripts can read it.
/// </summary>
public static class ImportLines
{
    /// <summary>An imported file.</summary>
    public static string File(string name, FileImportSummary s) =>
        $"{name}: {s.Format.Name}, {Summary([s])}{(s.DemoTenantRemoved ? " (the demo tenant was removed)" : "")}";

    /// <summary>A file that was refused.</summary>
    public static string Refused(string name, string message) => $"{name}: refused: {message}";

    /// <summary>An export run, imported, skipped or refused.</summary>
    public static string Run(ExportRunResult run)
    {
        var what = $"{run.ManifestPath} (run {run.RunId}, {run.Month:yyyy-MM}, {run.Dataset})";
        return run.Outcome switch
        {
            ExportRunOutcome.Imported => $"{what}: {string.Join(", ", run.Files.Select(f => f.Format.Name).Distinct())}, " +
                $"{run.Files.Count} file(s), {Summary(run.Files)}",
            ExportRunOutcome.Skipped => $"{what}: skipped: {run.Message}",
            _ => $"{what}: refused: {run.Message}",
        };
    }

    private static string Summary(IReadOnlyList<FileImportSummary> files) => ImportSummaryText.Of(files);
}
