using Bunit;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Web.Components.Pages.Recommendations;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Components;

public sealed class RecommendationsDetailTests : ComponentTestBase
{
    private readonly FakeRecommendationService _recs = new();

    public RecommendationsDetailTests()
    {
        Services.AddSingleton<IRecommendationService>(_recs);
        OnLiveCircuit();
    }

    [Fact]
    public void Detail_ShowsTheRationaleTheCommandAndTheHistory()
    {
        var vm = RecommendationSamples.Vm("vm-web-1", 140m);
        _recs.History.Add(new RecommendationEvent
        {
            Id = 1, RecommendationId = vm.Id, From = RecommendationStatus.Open, To = RecommendationStatus.Accepted,
            ActorId = "id-ana", ActorName = "ana@example.test", At = new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.Zero),
        });

        var cut = Render<RecommendationDetail>(p => p.Add(c => c.Recommendation, vm).Add(c => c.Currency, "USD"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid='rec-history-row']")));
        Assert.Equal("CPU P95 of vm-web-1 stayed under 12% for 30 days.", cut.Find("[data-testid='rec-rationale']").TextContent.Trim());
        Assert.Equal("az vm resize --resource-group rg-app --name vm-web-1 --size Standard_D4s_v5", cut.Find("[data-testid='rec-command']").TextContent);
        Assert.Contains("ana@example.test", cut.Find("[data-testid='rec-history-row']").TextContent);
        Assert.NotNull(cut.Find("[data-testid='rec-copy-command']"));
    }

    [Fact]
    public void Detail_ForAVm_ChartsItsDailyUtilization()
    {
        _recs.Utilization.AddRange([new UtilizationPoint(new DateOnly(2026, 3, 1), 5, 11, 30, 34), new UtilizationPoint(new DateOnly(2026, 3, 2), 6, 12, 31, 35)]);

        var cut = Render<RecommendationDetail>(p => p.Add(c => c.Recommendation, RecommendationSamples.Vm("vm-web-1", 140m)));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='rec-utilization-chart']")));
    }

    [Fact]
    public void Detail_ForStorage_HasNoUtilizationChart()
    {
        var cut = Render<RecommendationDetail>(p => p.Add(c => c.Recommendation, RecommendationSamples.Account("stlogs", 25m)));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='rec-history-empty']")));
        Assert.Empty(cut.FindAll("[data-testid='rec-utilization-chart'], [data-testid='rec-utilization-empty']"));
    }
}
