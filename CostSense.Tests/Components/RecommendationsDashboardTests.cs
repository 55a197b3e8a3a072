using Bunit;
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

        var cut = Render<TopRecommendations>(p => p.Add(c => c.Currency, "USD"));

        cut.WaitForAssertion(() => Assert.Contains("Recommendations are not available right now.", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid='top-rec']"));
    }

    [Fact]
    public void TopRecommendations_ListsTheFiveLargestOpenSavingsLinkingToTheirGrid()
    {
        _recs.Items.AddRange(Enumerable.Range(1, 6).Select(i => RecommendationSamples.Vm($"vm-{i}", i * 10m)));
        _recs.Items.Add(RecommendationSamples.Vm("vm-done", 500m, RecommendationStatus.Implemented));
        Use(_recs);

        var cut = Render<TopRecommendations>(p => p.Add(c => c.Currency, "USD"));

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid='top-rec']").Count));
        Assert.Equal("/compute?focus=rec-vm-6", cut.Find("[data-testid='top-rec-link']").GetAttribute("href"));
        Assert.Contains("$60.00", cut.Find("[data-testid='top-rec']").TextContent);
    }
}
