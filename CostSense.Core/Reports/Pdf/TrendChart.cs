using System.Globalization;
using CostSense.Core.Costs;
using CostSense.Core.Money;
using PdfSharp.Drawing;

namespace CostSense.Core.Reports.Pdf;

/// <summary>
/// The daily cost of the range against the period before it, aligned by day from each period's start, as the dashboard's
/// chart: the range in the primary colour over a faint area, the previous period dashed in the chart's grey, a zero-based
/// axis with round money steps. Past two months the lines thin and lose their dots, so a year stays readable.
/// </summary>
internal static class TrendChart
{
    private const double Height = 228;
    private const double AxisWidth = 46;
    private const double LegendHeight = 16;
    private const double DateLabelHeight = 14;
    private const int LongRangeDays = 62;

    public static void Draw(PdfCanvas c, SummaryReport report)
    {
        var t = c.Theme;
        var costs = report.Costs;
        var from = report.Request.From;
        var days = report.Request.To.DayNumber - from.DayNumber + 1;
        var current = Points(costs.Daily, from, days);
        var previous = Points(costs.Previous.Daily, costs.Previous.From, days);

        c.Ensure(SectionTitle.Height + Height);
        SectionTitle.Draw(c, "Daily cost", $"{SummaryFigures.Period(from, report.Request.To)} against {SummaryFigures.Period(costs.Previous.From, costs.Previous.To)}");

        var plot = new XRect(c.Left + AxisWidth, c.Y + LegendHeight + 4, c.ContentWidth - AxisWidth - 4, Height - LegendHeight - DateLabelHeight - 10);
        Legend(c, report, plot.Left);

        var max = current.Concat(previous).Select(p => p.Cost).DefaultIfEmpty(0m).Max();
        var (step, top) = Scale(max);
        double X(int index) => days == 1 ? plot.Left + plot.Width / 2 : plot.Left + plot.Width * index / (days - 1);
        double Y(decimal cost) => plot.Bottom - plot.Height * (double)(cost / top);

        var area = current.Select(p => new XPoint(X(p.Index), Y(p.Cost))).ToList();
        if (area.Count > 1)
            c.G.DrawPolygon(t.PrimaryWashBrush, [new XPoint(area[0].X, plot.Bottom), .. area, new XPoint(area[^1].X, plot.Bottom)], XFillMode.Winding);

        for (var v = 0m; v <= top; v += step)
        {
            var y = Y(v);
            c.G.DrawLine(v == 0 ? new XPen(PdfTheme.Muted, 0.7) : t.RulePen, plot.Left, y, plot.Right, y);
            c.Text(MoneyFormat.Compact(v, costs.Currency), t.Small, t.MutedBrush, plot.Left - 5, y - 4.5, XStringFormats.TopRight);
        }

        foreach (var (index, label) in DateTicks(from, days))
        {
            var x = X(index);
            c.G.DrawLine(new XPen(PdfTheme.Muted, 0.6), x, plot.Bottom, x, plot.Bottom + 3);
            // Centred under its tick, but held inside the plot's width at either end.
            var half = c.Measure(label, t.Small) / 2;
            var centre = Math.Clamp(x, plot.Left - AxisWidth + half, c.Right - half);
            c.Text(label, t.Small, t.MutedBrush, centre, plot.Bottom + 5, XStringFormats.TopCenter);
        }

        var thin = days > LongRangeDays;
        Line(c, previous.Select(p => new XPoint(X(p.Index), Y(p.Cost))).ToList(),
            new XPen(PdfTheme.Comparison, thin ? 0.7 : 1.2) { DashStyle = XDashStyle.Dash }, dots: null);
        Line(c, area, new XPen(PdfTheme.Primary, thin ? 0.9 : 1.8) { LineJoin = XLineJoin.Round }, dots: thin ? null : t.PrimaryBrush);

        c.Y += Height + 6;
    }

    /// <summary>Days with cost as (index from the period's start, cost), only those that fall within the range's length.</summary>
    private static List<(int Index, decimal Cost)> Points(IReadOnlyList<DailyCost> daily, DateOnly start, int days) =>
        daily.Select(d => (Index: d.Date.DayNumber - start.DayNumber, d.Cost))
            .Where(p => p.Index >= 0 && p.Index < days)
            .OrderBy(p => p.Index)
            .ToList();

    /// <summary>A round step (1, 2, 2.5 or 5 × a power of ten) giving four or five gridlines, and the axis top it reaches.</summary>
    internal static (decimal Step, decimal Top) Scale(decimal max)
    {
        if (max <= 0) return (1m, 4m);
        var raw = (double)max / 4;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * power).First(s => s >= raw);
        var stepM = (decimal)step;
        return (stepM, Math.Ceiling(max / stepM) * stepM);
    }

    /// <summary>About six evenly spaced dates, "1 Nov"; the first of each month past two months.</summary>
    private static IEnumerable<(int Index, string Label)> DateTicks(DateOnly from, int days)
    {
        if (days > LongRangeDays)
        {
            var months = Enumerable.Range(0, days).Select(from.AddDays).Where(d => d.Day == 1).ToList();
            var every = Math.Max(1, (int)Math.Ceiling(months.Count / 7.0));
            return months.Where((_, i) => i % every == 0)
                .Select(d => (d.DayNumber - from.DayNumber, d.ToString(d.Month == 1 ? "MMM yyyy" : "MMM", CultureInfo.InvariantCulture)));
        }
        var interval = Math.Max(1, (int)Math.Ceiling((days - 1) / 6.0));
        return Enumerable.Range(0, days).Where(i => i % interval == 0)
            .Select(i => (i, from.AddDays(i).ToString("d MMM", CultureInfo.InvariantCulture)));
    }

    private static void Line(PdfCanvas c, List<XPoint> points, XPen pen, XBrush? dots)
    {
        if (points.Count > 1) c.G.DrawLines(pen, points.ToArray());
        if (dots is null && points.Count != 1) return;
        foreach (var p in points)
            c.G.DrawEllipse(dots ?? new XSolidBrush(pen.Color), p.X - 1.6, p.Y - 1.6, 3.2, 3.2);
    }

    private static void Legend(PdfCanvas c, SummaryReport report, double x)
    {
        var t = c.Theme;
        var y = c.Y + 2;
        var costs = report.Costs;
        // The periods, not their totals: those are the tiles' (cost for the period, and the change's note), and a year's
        // dates with two totals would not fit on one line.
        string[] labels =
        [
            $"This period, {SummaryFigures.Period(report.Request.From, report.Request.To)}",
            $"Previous period, {SummaryFigures.Period(costs.Previous.From, costs.Previous.To)}",
        ];
        c.G.DrawLine(new XPen(PdfTheme.Primary, 1.8), x, y + 5, x + 16, y + 5);
        c.Text(labels[0], t.Small, t.InkBrush, x + 21, y);
        x += 21 + c.Measure(labels[0], t.Small) + 18;
        c.G.DrawLine(new XPen(PdfTheme.Comparison, 1.2) { DashStyle = XDashStyle.Dash }, x, y + 5, x + 16, y + 5);
        c.Text(c.Fit(labels[1], t.Small, c.Right - x - 21), t.Small, t.InkBrush, x + 21, y);
    }
}
