using System.Globalization;
using CostSense.Core.Money;

namespace CostSense.Core.Reports;

/// <summary>
/// The summary's headline figures and dates in words, shared by the PDF and the e-mail that carries it. Values come
/// from the report as the services returned them, formatted by <see cref="MoneyFormat"/> as the screen formats them.
/// </summary>
public static class SummaryFigures
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IReadOnlyList<SummaryKpi> Kpis(SummaryReport r)
    {
        var c = r.Costs;
        var previous = c.Previous;
        var kpis = c.Kpis;
        var month = kpis.AsOf.ToString("MMMM yyyy", Invariant);
        return
        [
            new("Cost for the period", MoneyFormat.Format(c.RangeTotal, c.Currency), Period(r.Request.From, r.Request.To)),
            new("Change vs previous period", MoneyFormat.Percent(previous.ChangePercent),
                previous.ChangePercent is null
                    ? $"No cost in {Period(previous.From, previous.To)}"
                    : $"{MoneyFormat.Format(previous.Total, c.Currency)} in {Period(previous.From, previous.To)}"),
            new("Forecast to month end", MoneyFormat.Format(kpis.ForecastMonthEnd, c.Currency),
                kpis.DaysRemaining == 0 ? $"{month}, month complete" : $"{month}, {Days(kpis.DaysRemaining)} remaining"),
            new("Open potential savings", MoneyFormat.Format(r.Savings.OpenMonthlySavings, r.Savings.Currency) + " / month",
                MoneyFormat.Format(r.Savings.OpenAnnualSavings, r.Savings.Currency) + " a year"),
            new("Realized savings", MoneyFormat.Format(r.Savings.RealizedMonthlySavings, r.Savings.Currency) + " / month",
                "Recommendations marked implemented"),
        ];
    }

    /// <summary>"1–28 Nov 2026", "15 Oct – 13 Nov 2026", "1 Dec 2025 – 28 Nov 2026", or one day "28 Nov 2026".</summary>
    public static string Period(DateOnly from, DateOnly to)
    {
        if (from == to) return Day(to);
        if (from.Year == to.Year && from.Month == to.Month)
            return $"{from.Day.ToString(Invariant)}–{Day(to)}";
        if (from.Year == to.Year)
            return $"{from.ToString("d MMM", Invariant)} – {Day(to)}";
        return $"{Day(from)} – {Day(to)}";
    }

    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", Invariant);

    private static string Days(int n) => n == 1 ? "1 day" : $"{n.ToString(Invariant)} days";
}
