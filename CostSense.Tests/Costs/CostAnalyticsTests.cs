using CostSense.Core.Costs;

namespace CostSense.Tests.Costs;

public class CostAnalyticsTests
{
    // February 2026 starts on a Sunday and has 28 days; 1 March 2026 is a Sunday too.
    private static Dictionary<DateOnly, decimal> Days(DateOnly from, DateOnly to, decimal weekday, decimal weekend, Dictionary<DateOnly, decimal>? into = null)
    {
        var d = into ?? [];
        for (var day = from; day <= to; day = day.AddDays(1)) d[day] = CostAnalytics.IsWeekend(day) ? weekend : weekday;
        return d;
    }

    [Fact]
    public void Kpis_MidMonth_SumsMonthToDateAndComparesWithTheSameDaysOfLastMonth()
    {
        var daily = Days(new(2026, 2, 1), new(2026, 2, 28), 100m, 100m);
        Days(new(2026, 3, 1), new(2026, 3, 10), 110m, 110m, daily);

        var k = CostAnalytics.Kpis(daily, new DateOnly(2026, 3, 10));

        Assert.Equal(1_100m, k.MonthToDate);            // 10 days × 110
        Assert.Equal(1_000m, k.PreviousMonthSameDays);  // 1–10 February × 100
        Assert.Equal(10m, k.ChangePercent);             // (1100 − 1000) / 1000
        Assert.Equal(2_800m, k.PreviousMonthTotal);     // 28 × 100
        Assert.Equal(21, k.DaysRemaining);
    }

    [Fact]
    public void Kpis_OnTheThirtyFirst_ComparesWithAllOfAShorterLastMonth()
    {
        var daily = Days(new(2026, 2, 1), new(2026, 3, 31), 10m, 10m);

        var k = CostAnalytics.Kpis(daily, new DateOnly(2026, 3, 31));

        Assert.Equal(310m, k.MonthToDate);
        Assert.Equal(280m, k.PreviousMonthSameDays);
        Assert.Equal(310m, k.ForecastMonthEnd);
        Assert.Equal(0, k.DaysRemaining);
    }

    [Fact]
    public void Forecast_AcrossAMonthBoundary_ProjectsWeekdaysAndWeekendsAtTheirOwnRecentAverages()
    {
        // February: weekdays 100, weekends 60. March so far (Sun 1, Mon 2, Tue 3): weekdays 130, weekends 70.
        var daily = Days(new(2026, 2, 1), new(2026, 2, 28), 100m, 60m);
        Days(new(2026, 3, 1), new(2026, 3, 3), 130m, 70m, daily);

        var k = CostAnalytics.Kpis(daily, new DateOnly(2026, 3, 3));

        // Window 4 Feb–3 Mar: 18 February weekdays at 100 and 2 March weekdays at 130 → 103;
        // 7 February weekend days at 60 and 1 March weekend day at 70 → 61.25.
        // Remaining 4–31 March: 20 weekdays and 8 weekend days → 20 × 103 + 8 × 61.25 = 2,550.
        Assert.Equal(330m, k.MonthToDate);
        Assert.Equal(2_880m, k.ForecastMonthEnd);
        Assert.Equal(28, k.DaysRemaining);
    }

    [Fact]
    public void Forecast_WithWeekendDip_ProjectsBelowALinearExtrapolationOfTheMonthSoFar()
    {
        var daily = Days(new(2026, 2, 1), new(2026, 3, 13), 100m, 40m);
        var asOf = new DateOnly(2026, 3, 13); // a Friday

        var k = CostAnalytics.Kpis(daily, asOf);
        var linear = k.MonthToDate / 13 * 31;

        // 14–31 March: 12 weekdays and 6 weekend days.
        Assert.Equal(k.MonthToDate + 12 * 100m + 6 * 40m, k.ForecastMonthEnd);
        Assert.NotEqual(linear, k.ForecastMonthEnd);
    }

    [Fact]
    public void Kpis_ForAMonthWithNoData_AreZeroWithNoChangeToReport()
    {
        var daily = Days(new(2026, 3, 1), new(2026, 3, 31), 50m, 50m);

        var k = CostAnalytics.Kpis(daily, new DateOnly(2026, 5, 15));

        Assert.Equal(0m, k.MonthToDate);
        Assert.Equal(0m, k.PreviousMonthSameDays);
        Assert.Null(k.ChangePercent);
        Assert.Equal(0m, k.ForecastMonthEnd);
        Assert.Equal(0m, k.PreviousMonthTotal);
    }

    [Fact]
    public void Kpis_WhenLastMonthHasNoCost_ReportNoChangeRatherThanInfinity()
    {
        var daily = Days(new(2026, 3, 1), new(2026, 3, 5), 50m, 50m);

        var k = CostAnalytics.Kpis(daily, new DateOnly(2026, 3, 5));

        Assert.Equal(250m, k.MonthToDate);
        Assert.Null(k.ChangePercent);
    }

    [Fact]
    public void Forecast_WithOnlyWeekdaysInTheWindow_UsesTheWeekdayAverageForWeekends()
    {
        var daily = Days(new(2026, 3, 2), new(2026, 3, 6), 100m, 0m); // Mon–Fri only

        Assert.Equal(700m, CostAnalytics.ForecastRemaining(daily, new DateOnly(2026, 3, 6), new DateOnly(2026, 3, 13)));
    }

    [Theory]
    [InlineData(2.0, TrendDirection.Increasing)]
    [InlineData(0.0, TrendDirection.Stable)]
    [InlineData(0.05, TrendDirection.Stable)]
    [InlineData(-2.0, TrendDirection.Decreasing)]
    public void Trend_FollowsTheSlopeOfTheLastThirtyDays(double perDay, TrendDirection expected)
    {
        var asOf = new DateOnly(2026, 3, 31);
        var daily = new Dictionary<DateOnly, decimal>();
        for (var i = 0; i < 30; i++) daily[asOf.AddDays(-29 + i)] = 200m + (decimal)perDay * i;

        var t = CostAnalytics.Trend(daily, asOf);

        Assert.Equal(expected, t.Direction);
        Assert.Equal((decimal)perDay, t.SlopePerDay);
    }

    [Fact]
    public void Shares_OrderByCostAndFoldTheTailIntoOther()
    {
        var shares = CostAnalytics.Shares([("a", "A", 50m), ("b", "B", 30m), ("c", "C", 15m), ("d", "D", 5m), ("z", "Z", 0m)], take: 2);

        Assert.Equal(["A", "B", "Other (2)"], shares.Select(s => s.Name));
        Assert.Equal([50m, 30m, 20m], shares.Select(s => s.Cost));
        Assert.Equal([50m, 30m, 20m], shares.Select(s => s.SharePercent));
    }

    [Fact]
    public void Shares_KeepUntaggedCostAndTheFoldedTailUnderDistinctKeys()
    {
        var shares = CostAnalytics.Shares([("", "(untagged)", 9m), ("prod", "prod", 8m), ("dev", "dev", 1m)], take: 2);

        Assert.Equal(shares.Count, shares.Select(s => s.Key).Distinct().Count());
    }
}
