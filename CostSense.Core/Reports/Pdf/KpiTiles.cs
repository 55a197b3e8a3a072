using System.Globalization;
using CostSense.Core.Money;
using PdfSharp.Drawing;

namespace CostSense.Core.Reports.Pdf;

/// <summary>
/// The headline figures as tiles, four to a row: the summary's KPIs exactly as <see cref="SummaryFigures"/> words them,
/// then the implementation cost, ROI and payback as the savings page shows them. A value is never cut: its type shrinks
/// until it fits the tile.
/// </summary>
internal static class KpiTiles
{
    private const int Columns = 4;
    private const double Gap = 8;
    private const double TileHeight = 66;

    public static IReadOnlyList<SummaryKpi> Tiles(SummaryReport report)
    {
        var s = report.Savings;
        var money = (decimal v) => MoneyFormat.Format(v, s.Currency);
        return
        [
            .. SummaryFigures.Kpis(report),
            new("Implementation cost", money(s.ImplementationCost),
                $"{s.OpenEffortHours.ToString("N1", CultureInfo.InvariantCulture)} h × {money(s.HourlyRate)} an hour"),
            new("First-year ROI", Roi(s.RoiPercent), s.RoiPercent is null ? "Nothing open costs effort" : "(annual savings − cost) ÷ cost"),
            new("Payback", Payback(s.PaybackMonths), s.PaybackMonths is null ? "No open savings" : "Implementation cost ÷ monthly savings"),
        ];
    }

    /// <summary>As the savings page: "412%", or "n/a" when nothing open costs effort.</summary>
    public static string Roi(double? percent) => percent is { } roi ? roi.ToString("N0", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>As the savings page: "0.4 months", or "n/a" without savings.</summary>
    public static string Payback(double? months) => months is { } m ? m.ToString("N1", CultureInfo.InvariantCulture) + " months" : "n/a";

    public static void Draw(PdfCanvas c, SummaryReport report)
    {
        var t = c.Theme;
        var tiles = Tiles(report);
        var rows = (tiles.Count + Columns - 1) / Columns;
        c.Ensure(rows * (TileHeight + Gap));
        var width = (c.ContentWidth - (Columns - 1) * Gap) / Columns;
        for (var i = 0; i < tiles.Count; i++)
        {
            var x = c.Left + i % Columns * (width + Gap);
            var y = c.Y + i / Columns * (TileHeight + Gap);
            var tile = tiles[i];
            c.G.DrawRoundedRectangle(t.TileBrush, x, y, width, TileHeight, 6, 6);
            c.G.DrawRectangle(i < 3 ? t.PrimaryBrush : t.SecondaryBrush, x, y + 8, 2.5, TileHeight - 16);
            var inner = width - 18;
            var labelFont = c.Shrink(tile.Label.ToUpperInvariant(), t.Label.Size, 5.5, bold: true, inner);
            c.Text(c.Fit(tile.Label.ToUpperInvariant(), labelFont, inner), labelFont, t.MutedBrush, x + 10, y + 9);
            var valueFont = c.Shrink(tile.Value, 13, 8, bold: true, inner);
            c.Text(tile.Value, valueFont, ValueBrush(t, tile, i), x + 10, y + 21);
            var noteY = y + 41;
            foreach (var line in c.Wrap(tile.Note, t.Tiny, inner, maxLines: 2))
            {
                c.Text(line, t.Tiny, t.MutedBrush, x + 10, noteY);
                noteY += 8.5;
            }
        }
        c.Y += rows * (TileHeight + Gap) + 6;
    }

    // The change against the previous period is coloured as the dashboard's card colours it (more spend is the bad
    // direction: error red up, success green down), in darker shades that print.
    private static XBrush ValueBrush(PdfTheme t, SummaryKpi tile, int index) =>
        index == 1 && tile.Value.StartsWith('+') ? t.IncreaseBrush
        : index == 1 && tile.Value.StartsWith('-') ? t.DecreaseBrush
        : t.InkBrush;
}
