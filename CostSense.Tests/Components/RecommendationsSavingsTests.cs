using Bunit;
using CostSense.Core.Costs;
using CostSense.Core.Recommendations;
using CostSense.Web.Components.Pages.Savings;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Components;

public sealed class RecommendationsSavingsTests : ComponentTestBase
{
    private readonly FakeRecommendationService _recs = new();
    private readonly FakeDashboardService _dashboards = new() { Latest = new DateOnly(2026, 11, 20) };

    public RecommendationsSavingsTests()
    {
        Services.AddSingleton<IRecommendationService>(_recs);
        Services.AddSingleton<IDashboardService>(_dashboards);
        Services.AddSingleton(TimeProvider.System);
        OnLiveCircuit();
    }

    private static string Text(IRenderedComponent<SavingsPage> cut, string testId) => cut.Find($"[data-testid='{testId}']").TextContent.Trim();

    [Fact]
    public void SavingsPage_ShowsTheSummaryFigures()
    {
        var cut = Render<SavingsPage>();

        cut.WaitForAssertion(() => Assert.Equal("$1,234.50", Text(cut, "savings-open-monthly")));
        Assert.Equal("$14,814.00", Text(cut, "savings-open-annual"));
        Assert.Equal("$420.00", Text(cut, "savings-realized"));
        Assert.Equal("$300.00", Text(cut, "savings-accepted"));
        Assert.Equal("$800.00", Text(cut, "savings-implementation-cost"));
        Assert.Equal("1,752%", Text(cut, "savings-roi"));
        Assert.Equal("0.6 months", Text(cut, "savings-payback"));
    }

    [Fact]
    public void SavingsPage_ShowsPerformanceRisksApartFromTheCategories()
    {
        var cut = Render<SavingsPage>();

        cut.WaitForAssertion(() => Assert.Contains("$150.00", Text(cut, "savings-performance")));
        Assert.Equal(2, cut.FindAll("[data-testid='savings-category-row']").Count);
    }

    [Fact]
    public void SavingsPage_PlanRows_LinkToTheirGrid()
    {
        var vm = RecommendationSamples.Vm("vm-web-1", 140m);
        var account = RecommendationSamples.Account("stlogs", 25m);
        _recs.Summary = RecommendationSamples.Summary([new PlanStep(1, vm, 70m), new PlanStep(2, account, 25m)]);

        var cut = Render<SavingsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid='plan-row']").Count));
        Assert.Equal(["/compute?focus=rec-vm-web-1", "/storage?focus=rec-stlogs"], cut.FindAll("[data-testid='plan-link']").Select(a => a.GetAttribute("href")));
        Assert.Equal("$70.00", cut.FindAll("[data-testid='plan-per-hour']")[0].TextContent.Trim());
    }

    [Fact]
    public void SavingsPage_WithoutEffort_SaysRoiAndPaybackDoNotApply()
    {
        _recs.Summary = RecommendationSamples.Summary() with { RoiPercent = null, PaybackMonths = null };

        var cut = Render<SavingsPage>();

        cut.WaitForAssertion(() => Assert.Equal("n/a", Text(cut, "savings-roi")));
        Assert.Equal("n/a", Text(cut, "savings-payback"));
    }

    [Fact]
    public void SavingsPage_OfOneSubscription_ReadsItsSummary_AndItsPdfSummaryCoversItsMonthToDate()
    {
        var nav = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        nav.NavigateTo("/savings?subscription=sub-1");

        var cut = Render<SavingsPage>();

        cut.WaitForAssertion(() => Assert.Equal("$1,234.50", Text(cut, "savings-open-monthly")));
        Assert.Equal(["sub-1"], _recs.SummaryScopes);
        Assert.Equal("/reports/summary.pdf?from=2026-11-01&to=2026-11-20&subscription=sub-1", cut.Find("[data-testid='pdf-summary']").GetAttribute("href"));
    }
}
