using PdfSharp.Drawing;

namespace CostSense.Core.Reports.Pdf;

/// <summary>The body of a summary whose scope has no cost in its period: one page that says so, naming both.</summary>
internal static class EmptyReport
{
    public static void Draw(PdfCanvas c, SummaryReport report)
    {
        var t = c.Theme;
        var period = SummaryFigures.Period(report.Request.From, report.Request.To);
        var box = new XRect(c.Left, c.Y + 10, c.ContentWidth, 92);
        c.G.DrawRoundedRectangle(t.TileBrush, box, new XSize(8, 8));
        c.G.DrawRectangle(t.PrimaryBrush, box.Left, box.Top + 12, 3, box.Height - 24);
        c.Text("No cost for this scope and period", t.Section, t.AppBarBrush, box.Left + 16, box.Top + 16);
        var line = $"There is no cost for {report.Scope.Subscriptions} in {period}.";
        c.Text(c.Fit(line, t.Body, box.Width - 32), t.Body, t.InkBrush, box.Left + 16, box.Top + 40);
        var hint = report.Scope.DataThrough is { } through
            ? $"The cost data runs through {SummaryFigures.Day(through)}: choose a period up to that day."
            : "The store has no cost data yet: import a cost export, connect Azure, or generate the demo tenant.";
        c.Text(c.Fit(hint, t.Body, box.Width - 32), t.Body, t.MutedBrush, box.Left + 16, box.Top + 58);
        c.Y = box.Bottom + 16;
    }
}
