using System.Globalization;
using CostSense.Core.Costs;
using CostSense.Core.Money;
using PdfSharp.Drawing;

namespace CostSense.Core.Reports.Pdf;

/// <summary>
/// The top five services and the top five resource groups side by side: each a name with its cost and share, over a bar
/// as long as its share relative to the largest (so the ranking reads at a glance; the figure says the share of the whole).
/// </summary>
internal static class ShareBars
{
    public const int Take = 5;
    private const double Gap = 18;
    private const double RowHeight = 27;
    /// <summary>Room for "100.0%" right of the cost.</summary>
    private const double ShareColumn = 40;

    /// <summary>The first <see cref="Take"/> real rows of a breakdown: never the "Other (n)" row that sums the rest.</summary>
    public static IReadOnlyList<CostShare> Top(IReadOnlyList<CostShare> shares) =>
        shares.Where(s => s.Key != CostAnalytics.OtherKey).Take(Take).ToList();

    /// <summary>"12.3%", as the dashboard's breakdowns print a share.</summary>
    public static string Share(decimal percent) => percent.ToString("N1", CultureInfo.InvariantCulture) + "%";

    public static void Draw(PdfCanvas c, SummaryReport report)
    {
        var services = Top(report.Costs.TopServices);
        var groups = Top(report.Costs.ByResourceGroup);
        var rows = Math.Max(1, Math.Max(services.Count, groups.Count));
        c.Ensure(SectionTitle.Height + 18 + rows * RowHeight);
        SectionTitle.Draw(c, "Where the cost goes", $"Top {Take} by cost over {SummaryFigures.Period(report.Request.From, report.Request.To)}");
        var width = (c.ContentWidth - Gap) / 2;
        Panel(c, "Services", services, report.Scope.Currency, c.Left, width, PdfTheme.Primary);
        Panel(c, "Resource groups", groups, report.Scope.Currency, c.Left + width + Gap, width, PdfTheme.Secondary);
        c.Y += 18 + rows * RowHeight + 4;
    }

    private static void Panel(PdfCanvas c, string title, IReadOnlyList<CostShare> shares, string currency, double x, double width, XColor colour)
    {
        var t = c.Theme;
        var y = c.Y;
        c.Text(title.ToUpperInvariant(), t.Label, t.MutedBrush, x, y);
        y += 14;
        if (shares.Count == 0)
        {
            c.Text("No cost in this period.", t.Body, t.MutedBrush, x, y);
            return;
        }
        var largest = shares.Max(s => s.SharePercent);
        var bar = new XSolidBrush(colour);
        foreach (var s in shares)
        {
            // Cost and share in two right-aligned columns, so the figures line up down the panel.
            var cost = MoneyFormat.Format(s.Cost, currency);
            var costRight = x + width - ShareColumn;
            c.Text(c.Fit(s.Name, t.Body, costRight - x - c.Measure(cost, t.BodyBold) - 10), t.Body, t.InkBrush, x, y);
            c.Text(cost, t.BodyBold, t.InkBrush, costRight, y, XStringFormats.TopRight);
            c.Text(Share(s.SharePercent), t.Body, t.MutedBrush, x + width, y, XStringFormats.TopRight);
            c.G.DrawRoundedRectangle(t.TrackBrush, x, y + 12.5, width, 5, 2.5, 2.5);
            var length = largest <= 0 ? 0 : width * (double)(s.SharePercent / largest);
            if (length > 0) c.G.DrawRoundedRectangle(bar, x, y + 12.5, Math.Max(length, 5), 5, 2.5, 2.5);
            y += RowHeight;
        }
    }
}
