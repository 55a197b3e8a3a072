namespace CostSense.Core.Costs;

/// <summary>
/// The dashboard's arithmetic, over daily totals. Days absent from the input have no data (as
/// opposed to a recorded zero), so averages skip them instead of counting them as free days.
/// </summary>
public static class CostAnalytics
{
    /// <summary>How far back the forecast looks for its weekday and weekend averages: four whole weeks.</summary>
    public const int ForecastWindowDays = 28;

    /// <summary>The trend is the slope of the last 30 days.</summary>
    public const int TrendWindowDays = 30;

    /// <summary>A 30-day change within ±3% of the mean is "stable".</summary>
    public const decimal StableBandPercent = 3m;

    public static CostKpis Kpis(IReadOnlyDictionary<DateOnly, decimal> daily, DateOnly asOf)
    {
        var monthStart = new DateOnly(asOf.Year, asOf.Month, 1);
        var prevStart = monthStart.AddMonths(-1);
        var daysInPrev = DateTime.DaysInMonth(prevStart.Year, prevStart.Month);

        var mtd = Sum(daily, monthStart, asOf);
        // Same days of last month: 1..asOf.Day, capped at last month's length (31 March compares with all of February).
        var prevSameDays = Sum(daily, prevStart, prevStart.AddDays(Math.Min(asOf.Day, daysInPrev) - 1));
        var prevTotal = Sum(daily, prevStart, monthStart.AddDays(-1));
        decimal? change = prevSameDays == 0 ? null : Math.Round((mtd - prevSameDays) / prevSameDays * 100m, 2);

        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        var remaining = monthEnd.DayNumber - asOf.DayNumber;
        return new CostKpis(asOf, mtd, prevSameDays, change, mtd + ForecastRemaining(daily, asOf, monthEnd), prevTotal, remaining);
    }

    /// <summary>
    /// The period a range is compared with: the same days of the month before for a range that starts on the first of a
    /// month and ends in it (1–28 November against 1–28 October; 1–31 March against all of February), otherwise as many
    /// days immediately before the range.
    /// </summary>
    public static (DateOnly From, DateOnly To) PreviousPeriod(DateOnly from, DateOnly to)
    {
        if (from.Day == 1 && from.Year == to.Year && from.Month == to.Month)
        {
            var start = from.AddMonths(-1);
            var days = Math.Min(to.Day, DateTime.DaysInMonth(start.Year, start.Month));
            return (start, start.AddDays(days - 1));
        }
        var length = to.DayNumber - from.DayNumber + 1;
        return (from.AddDays(-length), from.AddDays(-1));
    }

    /// <summary>The range's total against <see cref="PreviousPeriod"/>'s, from the same daily totals.</summary>
    public static PeriodComparison Compare(IReadOnlyDictionary<DateOnly, decimal> daily, DateOnly from, DateOnly to)
    {
        var (prevFrom, prevTo) = PreviousPeriod(from, to);
        var total = Sum(daily, from, to);
        var previous = Sum(daily, prevFrom, prevTo);
        decimal? change = previous == 0 ? null : Math.Round((total - previous) / previous * 100m, 2);
        var days = new List<DailyCost>();
        for (var d = prevFrom; d <= prevTo; d = d.AddDays(1))
            if (daily.TryGetValue(d, out var cost)) days.Add(new DailyCost(d, cost));
        return new PeriodComparison(prevFrom, prevTo, previous, change, days);
    }

    /// <summary>
    /// Cost of the days after <paramref name="asOf"/> up to <paramref name="until"/>: each remaining
    /// weekday at the average of the recent weekdays, each weekend day at the average of the recent
    /// weekend days (one kind stands in for the other when the window has none of it).
    /// </summary>
    public static decimal ForecastRemaining(IReadOnlyDictionary<DateOnly, decimal> daily, DateOnly asOf, DateOnly until)
    {
        if (until <= asOf) return 0m;
        var weekdays = new List<decimal>();
        var weekends = new List<decimal>();
        for (var d = asOf.AddDays(-(ForecastWindowDays - 1)); d <= asOf; d = d.AddDays(1))
        {
            if (!daily.TryGetValue(d, out var cost)) continue;
            (IsWeekend(d) ? weekends : weekdays).Add(cost);
        }
        if (weekdays.Count == 0 && weekends.Count == 0) return 0m;
        var weekdayAvg = weekdays.Count > 0 ? weekdays.Average() : weekends.Average();
        var weekendAvg = weekends.Count > 0 ? weekends.Average() : weekdayAvg;

        var total = 0m;
        for (var d = asOf.AddDays(1); d <= until; d = d.AddDays(1))
            total += IsWeekend(d) ? weekendAvg : weekdayAvg;
        return Math.Round(total, 2);
    }

    /// <summary>Least-squares slope of the last 30 days, and what it amounts to over 30 days relative to their mean.</summary>
    public static CostTrend Trend(IReadOnlyDictionary<DateOnly, decimal> daily, DateOnly asOf)
    {
        var points = new List<(double X, double Y)>();
        for (var d = asOf.AddDays(-(TrendWindowDays - 1)); d <= asOf; d = d.AddDays(1))
            if (daily.TryGetValue(d, out var cost)) points.Add((d.DayNumber - asOf.DayNumber, (double)cost));
        if (points.Count < 2) return new CostTrend(TrendDirection.Stable, 0m, 0m);

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        var slope = sxx == 0 ? 0 : points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / sxx;
        var change = meanY == 0 ? 0 : slope * TrendWindowDays / meanY * 100;
        var direction = change > (double)StableBandPercent ? TrendDirection.Increasing
            : change < -(double)StableBandPercent ? TrendDirection.Decreasing
            : TrendDirection.Stable;
        return new CostTrend(direction, Math.Round((decimal)slope, 4), Math.Round((decimal)change, 2));
    }

    /// <summary>Turns grouped sums into shares of their total, largest first, keeping the top <paramref name="take"/> and folding the rest into "Other".</summary>
    public static IReadOnlyList<CostShare> Shares(IEnumerable<(string Key, string Name, decimal Cost)> groups, int take = int.MaxValue)
    {
        var ordered = groups.Where(g => g.Cost != 0).OrderByDescending(g => g.Cost).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
        var total = ordered.Sum(g => g.Cost);
        decimal Share(decimal cost) => total == 0 ? 0 : Math.Round(cost / total * 100m, 2);
        var result = ordered.Take(take).Select(g => new CostShare(g.Key, g.Name, g.Cost, Share(g.Cost))).ToList();
        if (ordered.Count > take)
        {
            var rest = ordered.Skip(take).Sum(g => g.Cost);
            result.Add(new CostShare(OtherKey, $"Other ({ordered.Count - take})", rest, Share(rest)));
        }
        return result;
    }

    /// <summary>The key of the folded tail; distinct from any real key, including "" for untagged cost.</summary>
    public const string OtherKey = "\u0000other";

    public static bool IsWeekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static decimal Sum(IReadOnlyDictionary<DateOnly, decimal> daily, DateOnly from, DateOnly to)
    {
        var total = 0m;
        for (var d = from; d <= to; d = d.AddDays(1))
            if (daily.TryGetValue(d, out var cost)) total += cost;
        return total;
    }
}
