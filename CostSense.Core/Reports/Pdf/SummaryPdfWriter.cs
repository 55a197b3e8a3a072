using PdfSharp.Pdf;

namespace CostSense.Core.Reports.Pdf;

/// <summary>
/// Lays out a <see cref="SummaryReport"/> as an A4 portrait PDF drawn with PDFsharp, vectors and the embedded DejaVu Sans
/// only. Page one is the costs (header and scope, headline figures, the daily trend against the previous period, where
/// the cost goes); page two the savings (top recommendations, the plan's first steps, open potential by category). A scope without cost gets one
/// page that says so. Every figure is the report's, formatted as the screen formats it; the writer computes none.
/// </summary>
public sealed class SummaryPdfWriter
{
    public SummaryPdfWriter() => ReportFonts.Install();

    public byte[] Write(SummaryReport report)
    {
        var theme = new PdfTheme();
        using var document = new PdfDocument();
        document.Info.Title = "CostSense executive cost summary";
        document.Info.Author = "CostSense";
        document.Info.Subject = $"Executive cost summary for {report.Scope.Subscriptions}, {SummaryFigures.Period(report.Request.From, report.Request.To)}";
        document.Info.Creator = "CostSense";

        using (var canvas = new PdfCanvas(document, theme, c => PageFrame.RunningHeader(c, report)))
        {
            canvas.NewPage();
            PageFrame.FirstPageHeader(canvas, report);
            if (report.HasData)
            {
                KpiTiles.Draw(canvas, report);
                TrendChart.Draw(canvas, report);
                ShareBars.Draw(canvas, report);
                // The savings start a page of their own: costs on one page, what to do about them on the next.
                canvas.NewPage();
                SavingsTables.Recommendations(canvas, report);
                SavingsTables.Plan(canvas, report);
                SavingsTables.Categories(canvas, report);
            }
            else
            {
                EmptyReport.Draw(canvas, report);
            }
            canvas.Finish();
            PageFrame.Footers(canvas.Pages, report, theme);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}
