using CostSense.Core.Costs;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Costs;

/// <summary>
/// The range against the period before it, which the dashboard's chart card and the PDF summary both show: a month's
/// days against the same days of the month before, any other range against as many days just before it.
/// </summary>
public sealed class PeriodComparisonTests(DemoTenantStore store) : IClassFixture<DemoTenantStore>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2026-11-01", "2026-11-20", "2026-10-01", "2026-10-20")] // month to date
    [InlineData("2026-10-01", "2026-10-31", "2026-09-01", "2026-09-30")] // a whole month against a shorter one
    [InlineData("2026-03-01", "2026-03-31", "2026-02-01", "2026-02-28")] // 31 March compares with all of February
    [InlineData("2028-03-01", "2028-03-30", "2028-02-01", "2028-02-29")] // leap year
    [InlineData("2026-01-01", "2026-01-15", "2025-12-01", "2025-12-15")] // across the year
    [InlineData("2026-10-22", "2026-11-20", "2026-09-22", "2026-10-21")] // last 30 days: the 30 before
    [InlineData("2026-11-05", "2026-11-05", "2026-11-04", "2026-11-04")] // one day that is not the first
    public void PreviousPeriod_IsTheSameDaysOfTheMonthBefore_OrAsManyDaysBefore(string from, string to, string prevFrom, string prevTo)
    {
        var previous = CostAnalytics.PreviousPeriod(DateOnly.Parse(from), DateOnly.Parse(to));

        Assert.Equal((DateOnly.Parse(prevFrom), DateOnly.Parse(prevTo)), previous);
    }

    [Fact]
    public void Compare_WithoutCostBefore_HasNoChange()
    {
        var daily = new Dictionary<DateOnly, decimal> { [new DateOnly(2026, 11, 2)] = 10m };

        var comparison = CostAnalytics.Compare(daily, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 5));

        Assert.Equal(0m, comparison.Total);
        Assert.Null(comparison.ChangePercent);
        Assert.Empty(comparison.Daily);
    }

    [Theory]
    [InlineData(0, null)]        // month to date
    [InlineData(-1, null)]       // last month
    [InlineData(29, null)]       // last 30 days
    [InlineData(89, "sub")]      // last 90 days of one subscription
    public async Task Snapshot_PreviousPeriod_IsTheDashboardOfThatPeriod(int daysBack, string? oneSubscription)
    {
        var dashboard = store.Host.Get<IDashboardService>();
        var asOf = await dashboard.AsOfAsync(store.Host.Time, Ct);
        var firstOfMonth = new DateOnly(asOf.Year, asOf.Month, 1);
        var (from, to) = daysBack switch
        {
            0 => (firstOfMonth, asOf),
            -1 => (firstOfMonth.AddMonths(-1), firstOfMonth.AddDays(-1)),
            var n => (asOf.AddDays(-n), asOf),
        };
        var subscription = oneSubscription is null ? null : (await dashboard.GetAsync(new CostFilter(asOf, asOf), Ct)).Subscriptions[0].Id;

        var snapshot = await dashboard.GetAsync(new CostFilter(from, to, subscription), Ct);

        var (prevFrom, prevTo) = CostAnalytics.PreviousPeriod(from, to);
        var before = await dashboard.GetAsync(new CostFilter(prevFrom, prevTo, subscription), Ct);
        Assert.True(before.RangeTotal > 0, "the demo tenant has cost before each range");
        Assert.Equal((prevFrom, prevTo), (snapshot.Previous.From, snapshot.Previous.To));
        Assert.Equal(before.RangeTotal, snapshot.Previous.Total);
        Assert.Equal(before.Daily, snapshot.Previous.Daily);
        Assert.Equal(Math.Round((snapshot.RangeTotal - before.RangeTotal) / before.RangeTotal * 100m, 2), snapshot.Previous.ChangePercent);
    }
}
