using System.Globalization;
using CostSense.Core.Csv;

namespace CostSense.Core.Showback;

/// <summary>
/// The chargeback table as CSV: a header, one line per tag value, the untagged line, and a total line that equals the
/// dashboard's total. Text goes through <see cref="CsvCell"/> (tag values are whatever resources were tagged with, and a
/// value starting with '=' must not run as a formula); amounts are plain numbers with two decimals, so a sheet can add them.
/// </summary>
public static class ShowbackCsv
{
    public const string Header = "Value,Direct,Allocated,Total,Share %,Currency";
    public const string TotalLabel = "Total";

    public static string FileName(ShowbackQuery q)
    {
        var key = new string(q.TagKey.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        var period = q.From.Day == 1 && q.To == q.From.AddMonths(1).AddDays(-1) ? q.From.ToString("yyyy-MM", CultureInfo.InvariantCulture)
            : $"{q.From:yyyyMMdd}-{q.To:yyyyMMdd}";
        return $"costsense-showback-{key}-{period}.csv";
    }

    public static async Task WriteAsync(ShowbackView view, TextWriter writer, CancellationToken ct)
    {
        await writer.WriteLineAsync(Header.AsMemory(), ct);
        foreach (var row in view.AllRows)
            await writer.WriteLineAsync(Line(row.Label, row.Direct, row.Allocated, row.Total, row.Share, view.Currency).AsMemory(), ct);
        var allocated = view.AllRows.Sum(r => r.Allocated);
        await writer.WriteLineAsync(Line(TotalLabel, view.Total - allocated, allocated, view.Total, view.Total == 0 ? null : 100m, view.Currency).AsMemory(), ct);
    }

    private static string Line(string label, decimal direct, decimal allocated, decimal total, decimal? share, string currency) =>
        string.Join(',', CsvCell.Text(label), Number(direct), Number(allocated), Number(total), share is { } s ? Number(s) : "", CsvCell.Text(currency));

    private static string Number(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}
