using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CostSense.Core.Reports.Pdf;

/// <summary>
/// What frames every page: the first page's header (mark, title, scope, who generated it and when), the smaller running
/// header of later pages, and the footer with the page number and how recent the data is.
/// </summary>
internal static class PageFrame
{
    private const double BandHeight = 66;

    /// <summary>The product mark: a rounded square in the primary colour with the initials.</summary>
    public static void Mark(PdfCanvas c, double x, double y, double size)
    {
        c.G.DrawRoundedRectangle(new XPen(XColors.White, size / 28), c.Theme.PrimaryBrush, x, y, size, size, size / 3.2, size / 3.2);
        c.Text("CS", PdfTheme.Font(size * 0.42, bold: true), c.Theme.WhiteBrush, x + size / 2, y + size / 2, XStringFormats.Center);
    }

    /// <summary>The first page's header: a band in the app bar's colour, then the scope in four labelled columns.</summary>
    public static void FirstPageHeader(PdfCanvas c, SummaryReport report)
    {
        var t = c.Theme;
        c.G.DrawRectangle(t.AppBarBrush, 0, 0, c.Width, BandHeight);
        Mark(c, c.Left, 15, 36);
        c.Text("CostSense", t.Brand, t.OnDarkBrush, c.Left + 48, 15);
        c.Text("Executive cost summary", t.Title, t.WhiteBrush, c.Left + 48, 28);

        var generated = $"Generated {report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC by {report.GeneratedBy}";
        var titleEnd = c.Left + 48 + c.Measure("Executive cost summary", t.Title) + 16;
        c.Text(c.Fit(generated, t.Small, c.Right - titleEnd), t.Small, t.OnDarkBrush, c.Right, 42, XStringFormats.TopRight);

        var scope = report.Scope;
        string[][] fields =
        [
            ["SUBSCRIPTIONS", scope.Subscriptions],
            ["PERIOD", SummaryFigures.Period(report.Request.From, report.Request.To)],
            ["DATA SOURCE", scope.DataSource],
            ["CURRENCY", scope.Currency == scope.SavingsCurrency ? scope.Currency : $"{scope.Currency} (savings {scope.SavingsCurrency})"],
        ];
        double[] widths = [0.31, 0.30, 0.25, 0.14];
        var x = c.Left;
        var top = BandHeight + 12;
        for (var i = 0; i < fields.Length; i++)
        {
            var w = widths[i] * c.ContentWidth;
            c.Text(fields[i][0], t.Label, t.MutedBrush, x, top);
            var font = c.Shrink(fields[i][1], t.BodyBold.Size, 7, bold: true, w - 10);
            c.Text(c.Fit(fields[i][1], font, w - 10), font, t.InkBrush, x, top + 10);
            x += w;
        }
        c.G.DrawLine(c.Theme.RulePen, c.Left, top + 28, c.Right, top + 28);
        c.Y = top + 38;
    }

    /// <summary>Later pages: a small mark and title on the left, the scope and period on the right, over a primary rule.</summary>
    public static void RunningHeader(PdfCanvas c, SummaryReport report)
    {
        var t = c.Theme;
        Mark(c, c.Left, PdfCanvas.Margin - 14, 18);
        c.Text("CostSense  ·  Executive cost summary", t.SmallBold, t.AppBarBrush, c.Left + 24, PdfCanvas.Margin - 10);
        var scope = $"{report.Scope.Subscriptions}  ·  {SummaryFigures.Period(report.Request.From, report.Request.To)}";
        c.Text(c.Fit(scope, t.Small, c.ContentWidth / 2), t.Small, t.MutedBrush, c.Right, PdfCanvas.Margin - 10, XStringFormats.TopRight);
        c.G.DrawLine(new XPen(PdfTheme.Primary, 1), c.Left, PdfCanvas.Margin + 8, c.Right, PdfCanvas.Margin + 8);
        c.Y = PdfCanvas.Margin + 22;
    }

    /// <summary>"Data through 19 Nov 2026" on the left, "Page 1 of 2" on the right, on every page once all are laid out.</summary>
    public static void Footers(IReadOnlyList<PdfPage> pages, SummaryReport report, PdfTheme t)
    {
        var through = report.Scope.DataThrough is { } day ? $"Data through {SummaryFigures.Day(day)}" : "Data through: no data";
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var width = page.Width.Point;
            var y = page.Height.Point - PdfCanvas.Margin - 14;
            g.DrawLine(t.RulePen, PdfCanvas.Margin, y, width - PdfCanvas.Margin, y);
            g.DrawString(through, t.Small, t.MutedBrush, PdfCanvas.Margin, y + 6, XStringFormats.TopLeft);
            g.DrawString("CostSense", t.SmallBold, t.AppBarBrush, width / 2, y + 6, XStringFormats.TopCenter);
            g.DrawString($"Page {i + 1} of {pages.Count}", t.Small, t.MutedBrush, width - PdfCanvas.Margin, y + 6, XStringFormats.TopRight);
        }
    }
}
