using System.Globalization;
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

    private static string Summary(IReadOnlyList<FileImportSummary> files)
    {
        var first = files.Select(f => f.FirstDay).Where(d => d is not null).Min();
        var last = files.Select(f => f.LastDay).Where(d => d is not null).Max();
        var period = first is { } a && last is { } b ? $"{a:yyyy-MM-dd}..{b:yyyy-MM-dd}" : "no dates";
        var totals = files.SelectMany(f => f.Totals).GroupBy(t => t.Currency, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} billed {g.Sum(t => t.BilledCost)} effective {g.Sum(t => t.EffectiveCost)}"))
            .ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"{files.Sum(f => f.Rows)} rows, {period}, {(totals.Count == 0 ? "no cost" : string.Join("; ", totals))}, {ExportRunImporter.RowsReplaced(files)} rows replaced");
    }
}
