using System.Text;
using CostSense.Core.Imports;
using CostSense.Core.Imports.Formats;

namespace CostSense.Tests.Imports;

/// <summary>Reads a whole cost file through CsvTabularSource and CostFileReader, as an import would.</summary>
internal static class CostFiles
{
    public static async Task<(DetectedFormat Format, List<ImportedCostRow> Rows)> ReadAsync(
        string fileName, Stream stream, FormatHint? hint = null)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = await CsvTabularSource.OpenAsync(fileName, stream, ct);
        var reader = CostFileReader.Open(source, hint);
        var rows = new List<ImportedCostRow>();
        await foreach (var row in reader.ReadAllAsync(ct)) rows.Add(row);
        return (reader.Format, rows);
    }

    public static Task<(DetectedFormat Format, List<ImportedCostRow> Rows)> ReadFileAsync(string path, FormatHint? hint = null) =>
        ReadAsync(Path.GetFileName(path), System.IO.File.OpenRead(path), hint);

    public static Task<(DetectedFormat Format, List<ImportedCostRow> Rows)> ReadTextAsync(string fileName, string text, FormatHint? hint = null) =>
        ReadAsync(fileName, new MemoryStream(Encoding.UTF8.GetBytes(text)), hint);

    public static async Task<ImportException> RefusedAsync(string fileName, string text, FormatHint? hint = null) =>
        await Assert.ThrowsAsync<ImportException>(() => ReadTextAsync(fileName, text, hint));

    public static decimal Billed(this IEnumerable<ImportedCostRow> rows) => rows.Sum(r => r.Record.BilledCost);
    public static decimal Effective(this IEnumerable<ImportedCostRow> rows) => rows.Sum(r => r.Record.EffectiveCost);
}
