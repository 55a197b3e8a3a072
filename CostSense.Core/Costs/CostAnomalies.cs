namespace CostSense.Core.Costs;

/// <summary>
/// Finds anomalies in daily cost series. A day is anomalous when its cost is at least <see cref="MinFactor"/>
/// times the median of the same kind of day (weekday or weekend) over the <see cref="BaselineDays"/> before it,
/// and the excess is worth a look (<see cref="MinExcessPerDay"/>). Consecutive anomalous days are one anomaly.
/// The median ignores the spike itself and ordinary noise; comparing weekdays with weekdays keeps Monday from
/// looking like a jump after a quiet weekend.
/// </summary>
public static class CostAnomalies
{
    public const int BaselineDays = 28;
    public const double MinFactor = 1.6;
    public const decimal MinExcessPerDay = 10m;
    /// <summary>At least this many comparable days are needed before a day can be judged.</summary>
    private const int MinBaselineSamples = 5;

    public static IReadOnlyList<CostAnomaly> Detect(
        IEnumerable<(string Service, string ResourceGroup, string Subscription, DateOnly Date, decimal Cost)> daily,
        DateOnly from, DateOnly to)
    {
        var found = new List<CostAnomaly>();
        foreach (var series in daily.GroupBy(d => (d.Service, d.ResourceGroup, d.Subscription)))
        {
            var byDay = series.GroupBy(d => d.Date).ToDictionary(g => g.Key, g => g.Sum(d => d.Cost));
            CostAnomaly? open = null;
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                var cost = byDay.GetValueOrDefault(day);
                var expected = Baseline(byDay, day);
                var anomalous = expected is { } e && cost - e >= MinExcessPerDay && (e == 0 || (double)(cost / e) >= MinFactor)
                    && !IsUsualMonthEnd(byDay, day, cost);
                if (anomalous)
                {
                    open = open is null
                        ? new CostAnomaly(series.Key.Service, series.Key.ResourceGroup, series.Key.Subscription, day, day, expected!.Value, cost, null)
                        : open with { To = day, Expected = open.Expected + expected!.Value, Actual = open.Actual + cost };
                }
                else if (open is not null)
                {
                    found.Add(Close(open));
                    open = null;
                }
            }
            if (open is not null) found.Add(Close(open));
        }
        return found.OrderByDescending(a => a.Excess).ThenBy(a => a.From).ToList();
    }

    private static CostAnomaly Close(CostAnomaly a) =>
        a with { Factor = a.Expected == 0 ? null : Math.Round((double)(a.Actual / a.Expected), 2) };

    /// <summary>
    /// Month-end close (reporting jobs, batch scale-outs) raises some services every month: a last-days peak no
    /// higher than the same days of last month is the series' habit, not an incident.
    /// </summary>
    private static bool IsUsualMonthEnd(Dictionary<DateOnly, decimal> byDay, DateOnly day, decimal cost)
    {
        if (day.Day <= DateTime.DaysInMonth(day.Year, day.Month) - MonthEndDays) return false;
        var previousMonth = new DateOnly(day.Year, day.Month, 1).AddMonths(-1);
        var lastDay = DateTime.DaysInMonth(previousMonth.Year, previousMonth.Month);
        var peak = Enumerable.Range(lastDay - MonthEndDays + 1, MonthEndDays)
            .Select(d => byDay.GetValueOrDefault(new DateOnly(previousMonth.Year, previousMonth.Month, d)))
            .Max();
        return peak > 0 && (double)(cost / peak) < MinFactor;
    }

    private const int MonthEndDays = 3;

    /// <summary>The median cost of the same kind of day in the window before <paramref name="day"/>, or null without enough history.</summary>
    private static decimal? Baseline(Dictionary<DateOnly, decimal> byDay, DateOnly day)
    {
        var weekend = CostAnalytics.IsWeekend(day);
        var samples = new List<decimal>(BaselineDays);
        for (var d = day.AddDays(-BaselineDays); d < day; d = d.AddDays(1))
            if (CostAnalytics.IsWeekend(d) == weekend && byDay.TryGetValue(d, out var c))
                samples.Add(c);
        if (samples.Count < MinBaselineSamples) return null;
        samples.Sort();
        var mid = samples.Count / 2;
        return samples.Count % 2 == 1 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2;
    }
}
