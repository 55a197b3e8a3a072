using System.Globalization;

namespace CostSense.Core.Imports;

/// <summary>
/// One line of what files imported: rows, period, billed and effective cost per currency exactly as summed, rows replaced.
/// Invariant culture, so scripts can read it: the command line prints it and the export container records it per run.
/// </summary>
public static class ImportSummaryText
{
    public static string Of(IReadOnlyList<FileImportSummary> files)
    {
        var first = files.Select(f => f.FirstDay).Where(d => d is not null).Min();
        var last = files.Select(f => f.LastDay).Where(d => d is not null).Max();
        var period = first is { } a && last is { } b ? $"{a:yyyy-MM-dd}..{b:yyyy-MM-dd}" : "no dates";
        var totals = files.SelectMany(f => f.Totals).GroupBy(t => t.Currency, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} billed {g.Sum(t => t.BilledCost)} effective {g.Sum(t => t.EffectiveCost)}"))
            .ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"{files.Sum(f => f.Rows)} rows, {period}, {(totals.Count == 0 ? "no cost" : string.Join("; ", totals))}, {RowsReplaced(files)} rows replaced");
    }

    /// <summary>Rows a run's write replaced: files that share a store source share its count, so each source counts once.</summary>
    private static int RowsReplaced(IReadOnlyList<FileImportSummary> files) =>
        files.DistinctBy(s => string.Join('|', s.Sources)).Sum(s => s.RowsReplaced);
}
