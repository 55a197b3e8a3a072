using Bunit;
using CostSense.Web.Components.Pages.Dashboard;

namespace CostSense.Tests.Components;

public sealed class KpiCardsTests : ComponentTestBase
{
    private IRenderedComponent<KpiCards> RenderKpis(decimal? change) =>
        Render<KpiCards>(p => p.Add(c => c.Kpis, Snapshots.Kpis(change)).Add(c => c.Currency, "USD"));

    private static string Text(IRenderedComponent<KpiCards> cut, string testId) =>
        cut.Find($"[data-testid='{testId}']").TextContent.Trim();

    [Fact]
    public void KpiCards_WithUsd_ShowsMonthToDateInDollarsRoundedToCents()
    {
        var cut = RenderKpis(5.5m);
        Assert.Equal("$12,345.68", Text(cut, "kpi-mtd"));
    }

    [Fact]
    public void KpiCards_WithIncrease_ShowsSignedPercentInTheErrorColor()
    {
        var cut = RenderKpis(5.5m);
        Assert.Equal("+5.5%", Text(cut, "kpi-change"));
        Assert.Contains("mud-error-text", cut.Find("[data-testid='kpi-change']").ClassName);
    }

    [Fact]
    public void KpiCards_WithDecrease_ShowsNegativePercentInTheSuccessColor()
    {
        var cut = RenderKpis(-3.25m);
        Assert.Equal("-3.3%", Text(cut, "kpi-change"));
        Assert.Contains("mud-success-text", cut.Find("[data-testid='kpi-change']").ClassName);
    }

    [Fact]
    public void KpiCards_WithoutLastMonthCost_ShowsNotApplicableAndSaysWhy()
    {
        var cut = RenderKpis(null);
        Assert.Equal("n/a", Text(cut, "kpi-change"));
        Assert.Contains("no cost last month", cut.Markup);
    }

    [Fact]
    public void KpiCards_ShowsForecastLastMonthTotalAndDaysRemaining()
    {
        var cut = RenderKpis(5.5m);
        Assert.Equal("$25,000.00", Text(cut, "kpi-forecast"));
        Assert.Equal("$24,000.50", Text(cut, "kpi-last-month"));
        Assert.Contains("16 days remaining", cut.Markup);
    }
}
