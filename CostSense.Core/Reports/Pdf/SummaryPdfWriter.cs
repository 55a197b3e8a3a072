using CostSense.Core.Money;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CostSense.Core.Reports.Pdf;

/// <summary>Lays out a <see cref="SummaryReport"/> as an A4 PDF with PDFsharp. (A first page only: the full layout is being written.)</summary>
public sealed class SummaryPdfWriter
{
    public SummaryPdfWriter() => ReportFonts.Install();

    public byte[] Write(SummaryReport report)
    {
        using var document = new PdfDocument();
        document.Info.Title = "CostSense executive summary";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var g = XGraphics.FromPdfPage(page))
        {
            var title = new XFont(ReportFonts.Family, 18, XFontStyleEx.Bold);
            var body = new XFont(ReportFonts.Family, 10, XFontStyleEx.Regular);
            g.DrawString("Executive summary", title, XBrushes.Black, 40, 60);
            var y = 90.0;
            foreach (var k in SummaryFigures.Kpis(report))
            {
                g.DrawString($"{k.Label}: {k.Value} ({k.Note})", body, XBrushes.Black, 40, y);
                y += 16;
            }
            foreach (var r in report.TopRecommendations)
            {
                g.DrawString($"{r.ResourceName} {MoneyFormat.Format(r.MonthlySavings, report.Savings.Currency)}", body, XBrushes.Black, 40, y);
                y += 16;
            }
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}
