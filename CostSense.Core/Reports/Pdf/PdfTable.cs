using PdfSharp.Drawing;

namespace CostSense.Core.Reports.Pdf;

/// <summary>A table column: its heading, its share of the content width, and whether its figures align right.</summary>
internal sealed record PdfColumn(string Header, double Weight, bool AlignRight = false);

/// <summary>
/// A plain table that never leaves the page: every cell is cut to its column with an ellipsis (measured, not counted),
/// and a row that does not fit starts a new page, where the heading row is repeated.
/// </summary>
internal static class PdfTable
{
    private const double HeaderHeight = 18;
    private const double RowHeight = 17;
    private const double Padding = 5;

    /// <param name="firstColumnMuted">True when the first column is a row number, printed in grey.</param>
    public static void Draw(PdfCanvas c, IReadOnlyList<PdfColumn> columns, IReadOnlyList<string[]> rows, bool firstColumnMuted = true)
    {
        var t = c.Theme;
        var total = columns.Sum(col => col.Weight);
        var widths = columns.Select(col => c.ContentWidth * col.Weight / total).ToArray();

        c.Ensure(HeaderHeight + RowHeight * Math.Min(rows.Count, 2));
        Heading(c, columns, widths);
        for (var r = 0; r < rows.Count; r++)
        {
            if (c.Y + RowHeight > c.Bottom)
            {
                c.NewPage();
                Heading(c, columns, widths);
            }
            if (r % 2 == 1) c.G.DrawRectangle(t.ZebraBrush, c.Left, c.Y, c.ContentWidth, RowHeight);
            var x = c.Left;
            for (var i = 0; i < columns.Count; i++)
            {
                var muted = i == 0 && firstColumnMuted;
                var font = columns[i].AlignRight && !muted ? t.BodyBold : t.Body;
                Cell(c, rows[r][i], font, muted ? t.MutedBrush : t.InkBrush, x, widths[i], columns[i].AlignRight, c.Y + 4);
                x += widths[i];
            }
            c.Y += RowHeight;
            c.G.DrawLine(t.RulePen, c.Left, c.Y, c.Right, c.Y);
        }
        c.Y += 12;
    }

    private static void Heading(PdfCanvas c, IReadOnlyList<PdfColumn> columns, double[] widths)
    {
        var t = c.Theme;
        c.G.DrawRectangle(t.TileBrush, c.Left, c.Y, c.ContentWidth, HeaderHeight);
        var x = c.Left;
        for (var i = 0; i < columns.Count; i++)
        {
            var header = columns[i].Header.ToUpperInvariant();
            Cell(c, header, c.Shrink(header, t.Label.Size, 5.5, bold: true, widths[i] - 2 * Padding), t.MutedBrush, x, widths[i], columns[i].AlignRight, c.Y + 6);
            x += widths[i];
        }
        c.Y += HeaderHeight;
        c.G.DrawLine(new XPen(PdfTheme.AppBar, 0.8), c.Left, c.Y, c.Right, c.Y);
    }

    private static void Cell(PdfCanvas c, string text, XFont font, XBrush brush, double x, double width, bool right, double top)
    {
        var fitted = c.Fit(text, font, width - 2 * Padding);
        if (right) c.Text(fitted, font, brush, x + width - Padding, top, XStringFormats.TopRight);
        else c.Text(fitted, font, brush, x + Padding, top);
    }
}
