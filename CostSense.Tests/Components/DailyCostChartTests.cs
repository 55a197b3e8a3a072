using Bunit;
using CostSense.Core.Costs;
using CostSense.Web.Components.Pages.Dashboard;

namespace CostSense.Tests.Components;

public sealed class DailyCostChartTests : ComponentTestBase
{
    private IRenderedComponent<DailyCostChart> RenderChart(CostFilter filter) =>
        Render<DailyCostChart>(p => p.Add(c => c.Snapshot, Snapshots.For(filter)));

    [Fact]
    public void DailyCostChart_InMonthToDate_ComparesTheMonthWithTheMonthBeforeByName()
    {
        var cut = RenderChart(new CostFilter(new DateOnly(2026, 3, 1), Snapshots.Latest));

        Assert.NotNull(cut.Find("[data-testid='daily-chart'] svg"));
        Assert.Contains($"Daily cost: {Snapshots.Latest:MMMM yyyy} vs February 2026", cut.Markup);
        Assert.Contains("February 2026", cut.FindAll("text, span").Select(e => e.TextContent));
    }

    [Fact]
    public void DailyCostChart_OverTwoYears_RendersMonthlyWithTrendAndTotal()
    {
        var filter = new CostFilter(new DateOnly(2024, 3, 16), Snapshots.Latest);
        var cut = RenderChart(filter);

        Assert.Contains("Monthly cost", cut.Markup);
        Assert.Contains("Increasing", cut.Find("[data-testid='trend-chip']").TextContent);
        Assert.Contains("+4.2%", cut.Find("[data-testid='trend-chip']").TextContent);
        Assert.Equal(Core.Money.MoneyFormat.Format(Snapshots.For(filter).RangeTotal, "USD"), cut.Find("[data-testid='range-total']").TextContent);
    }

    [Fact]
    public void DailyCostChart_StatesTheComparisonWithThePeriodBefore_AsThePdfSummaryDoes()
    {
        var snapshot = Snapshots.For(new CostFilter(new DateOnly(2026, 3, 1), Snapshots.Latest));

        var cut = Render<DailyCostChart>(p => p.Add(c => c.Snapshot, snapshot));

        Assert.Equal(Core.Money.MoneyFormat.Percent(snapshot.Previous.ChangePercent), cut.Find("[data-testid='range-change']").TextContent);
        Assert.Equal(Core.Money.MoneyFormat.Format(snapshot.Previous.Total, "USD"), cut.Find("[data-testid='range-previous']").TextContent);
        Assert.Contains("vs 1–15 Feb 2026", cut.Find("[data-testid='daily-chart']").TextContent);
    }

    [Fact]
    public void DailyCostChart_WithoutCostInThePeriodBefore_SaysSoInsteadOfAPercentage()
    {
        var full = Snapshots.For(new CostFilter(new DateOnly(2026, 3, 1), Snapshots.Latest));
        var snapshot = full with { Previous = full.Previous with { Total = 0m, ChangePercent = null, Daily = [] } };

        var cut = Render<DailyCostChart>(p => p.Add(c => c.Snapshot, snapshot));

        Assert.Equal("· no cost in 1–15 Feb 2026", cut.Find("[data-testid='range-no-previous']").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid='range-change']"));
    }

    [Fact]
    public void ServiceDonut_WithServices_RendersALegendEntryPerService()
    {
        var snapshot = Snapshots.For(new CostFilter(new DateOnly(2026, 3, 1), Snapshots.Latest));

        var cut = Render<ServiceDonut>(p => p.Add(c => c.Services, snapshot.TopServices).Add(c => c.Total, 1500m).Add(c => c.Currency, "USD"));

        Assert.Contains("Virtual Machines", cut.Markup);
        Assert.Contains("Storage Accounts", cut.Markup);
        Assert.Contains("Share of $1,500.00", cut.Markup);
    }

    [Fact]
    public void ChartBuckets_OverHalfAYear_SumsWeeksAndThinsLabels()
    {
        var filter = new CostFilter(new DateOnly(2025, 9, 1), new DateOnly(2026, 2, 28));
        List<DailyCost> daily = [new(new DateOnly(2025, 9, 1), 10m), new(new DateOnly(2025, 9, 7), 5m), new(new DateOnly(2025, 9, 8), 1m)];

        var points = ChartBuckets.Aggregate(filter, daily);

        Assert.Equal(ChartGrain.Week, points.Grain);
        Assert.Equal(26, points.Values.Length);
        Assert.Equal(15d, points.Values[0]);
        Assert.Equal(1d, points.Values[1]);
        Assert.True(points.Labels.Count(l => l.Length > 0) <= ChartBuckets.MaxLabels);
    }

    [Fact]
    public void DatePreset_LastMonth_IsTheWholeCalendarMonthBeforeTheLatestDay()
    {
        var lastMonth = DatePreset.All.Single(p => p.Name == "Last month").ToFilter(Snapshots.Latest, "sub-1");

        Assert.Equal(new CostFilter(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), "sub-1"), lastMonth);
    }
}
