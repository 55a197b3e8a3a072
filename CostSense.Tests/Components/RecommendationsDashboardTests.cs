using Bunit;
using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Web.Components.Pages.Dashboard;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Components;

public sealed class RecommendationsDashboardTests : ComponentTestBase
{
    private readonly FakeRecommendationService _recs = new();

    private void Use(IRecommendationService service)
    {
        Services.AddSingleton(service);
        OnLiveCircuit();
    }

    [Fact]
    public void SavingsCard_ShowsTheOpenMonthlySavings()
    {
        Use(_recs);

        var cut = Render<SavingsCard>();

        cut.WaitForAssertion(() => Assert.Equal("$1,234.50", cut.Find("[data-testid='savings-kpi']").TextContent.Trim()));
    }

    [Fact]
    public void SavingsCard_WhenTheServiceFails_ShowsANoteInsteadOfCrashing()
    {
        _recs.Failure = new InvalidOperationException("connection refused");
        Use(_recs);

        var cut = Render<SavingsCard>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='savings-unavailable']")));
    }

    [Fact]
    public void TopRecommendations_WhenTheServiceFails_ShowsANoteInsteadOfCrashing()
    {
        _recs.Failure = new InvalidOperationException("connection refused");
        Use(_recs);

        var cut = Render<TopRecommendations>();

        cut.WaitForAssertion(() => Assert.Contains("Recommendations are not available right now.", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid='top-rec']"));
    }

    [Fact]
    public void TopRecommendations_ListsTheFiveLargestOpenSavingsLinkingToTheirGrid()
    {
        _recs.Items.AddRange(Enumerable.Range(1, 6).Select(i => RecommendationSamples.Vm($"vm-{i}", i * 10m)));
        _recs.Items.Add(RecommendationSamples.Vm("vm-done", 500m, RecommendationStatus.Implemented));
        Use(_recs);

        var cut = Render<TopRecommendations>();

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid='top-rec']").Count));
        Assert.Equal("/compute?focus=rec-vm-6", cut.Find("[data-testid='top-rec-link']").GetAttribute("href"));
        Assert.Contains("$60.00", cut.Find("[data-testid='top-rec']").TextContent);
    }

    [Fact]
    public void SavingsCard_ReadsTheSavingsOfTheFiltersSubscription_AndLinksToTheirPlan()
    {
        Use(_recs);

        var cut = Render<SavingsCard>(p => p.Add(c => c.Filter, new CostFilter(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20), "sub-2")));

        cut.WaitForAssertion(() => Assert.Equal("$1,234.50", cut.Find("[data-testid='savings-kpi']").TextContent.Trim()));
        Assert.Equal(["sub-2"], _recs.SummaryScopes);
        Assert.Equal("/savings?subscription=sub-2", cut.Find("a.mud-link").GetAttribute("href"));
    }

    [Fact]
    public void TopRecommendations_OfOneSubscription_ListOnlyItsOwn()
    {
        var other = RecommendationSamples.Vm("vm-elsewhere", 900m);
        other.SubscriptionId = "sub-2";
        _recs.Items.AddRange([RecommendationSamples.Vm("vm-here", 40m), other]);
        Use(_recs);

        var cut = Render<TopRecommendations>(p => p.Add(c => c.Filter, new CostFilter(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20), "sub-1")));

        cut.WaitForAssertion(() => Assert.Equal("vm-here", Assert.Single(cut.FindAll("[data-testid='top-rec-link']")).TextContent.Trim()));
    }

    [Fact]
    public void Widgets_InAnotherCloudsView_SayRecommendationsAreAzuresAndAskNothing()
    {
        Use(_recs);
        var aws = new CostFilter(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20), ProviderName: "AWS");

        var card = Render<SavingsCard>(p => p.Add(c => c.Filter, aws));
        var top = Render<TopRecommendations>(p => p.Add(c => c.Filter, aws));

        Assert.NotNull(card.Find("[data-testid='savings-not-azure']"));
        Assert.Contains("Azure resources only", top.Markup);
        Assert.Empty(_recs.SummaryScopes);
    }
}
