using Bunit;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.CostOnly;
using CostSense.Web.Components.Pages.Recommendations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CostSense.Tests.Components;

/// <summary>
/// The grids say what their recommendations rest on: a notice naming the rules that ran from cost and the ones that need
/// metrics (and how to get them) when resources come from cost exports only; nothing when everything has metrics; and a
/// per-row "no metrics" where a VM recommendation has no utilisation behind it.
/// </summary>
public sealed class RecommendationsDataBasisTests : ComponentTestBase
{
    private readonly FakeRecommendationService _recs = new();

    public RecommendationsDataBasisTests()
    {
        Services.AddSingleton<IRecommendationService>(_recs);
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 5, 8, 0, 0, TimeSpan.Zero)));
        OnLiveCircuit();
    }

    [Fact]
    public void ComputeNotice_WhenVmsAreCostOnly_SaysWhichRulesRanAndWhichNeedAzureMonitor()
    {
        var cut = Render<DataBasisNotice>(p => p.Add(c => c.Kind, RecommendationKind.Compute).Add(c => c.Basis, new DataBasis(3, 0, 3, 2, 2)));

        Assert.Equal("3 of 3 VMs come from imported cost data only: there are no CPU or memory metrics for them.",
            Normalize(cut.Find("[data-testid='data-basis-summary']").TextContent));
        var ran = Normalize(cut.Find("[data-testid='rules-ran']").TextContent);
        Assert.Contains("reservations", ran);
        Assert.Contains("disks still charge", ran);
        var missing = Normalize(cut.Find("[data-testid='rules-need-metrics']").TextContent);
        Assert.Contains("right-size, idle-VM (deallocate) and scale-up recommendations need CPU and memory metrics", missing);
        Assert.Contains("connect live Azure (Azure Monitor) — cost exports do not carry utilisation", missing);
    }

    [Fact]
    public void StorageNotice_WhenAccountsAreCostOnly_SaysSecondaryReadsNeedMetrics()
    {
        var cut = Render<DataBasisNotice>(p => p.Add(c => c.Kind, RecommendationKind.Storage).Add(c => c.Basis, new DataBasis(3, 0, 3, 2, 2)));

        Assert.StartsWith("2 of 2 storage accounts come from imported cost data only", Normalize(cut.Find("[data-testid='data-basis-summary']").TextContent));
        Assert.Contains("RA-GRS → GRS needs reads from the secondary region", Normalize(cut.Find("[data-testid='rules-need-metrics']").TextContent));
    }

    [Theory]
    [InlineData(RecommendationKind.Compute)]
    [InlineData(RecommendationKind.Storage)]
    public void Notice_WhenEverythingHasMetrics_IsNotShown(RecommendationKind kind)
    {
        var cut = Render<DataBasisNotice>(p => p.Add(c => c.Kind, kind).Add(c => c.Basis, new DataBasis(40, 40, 0, 12, 0)));

        Assert.Empty(cut.FindAll("[data-testid='data-basis-notice']"));
    }

    [Fact]
    public void Grid_RowWithoutUtilisation_SaysNoMetrics_WhereAMeasuredRowShowsItsBars()
    {
        var reserve = RecommendationSamples.Vm("vm-steady", 28m, action: RecommendationAction.Reserve1Year, category: RecommendationCategory.Commitment);
        (reserve.CpuP95, reserve.MemoryP95) = (null, null);
        _recs.Items.AddRange([reserve, RecommendationSamples.Vm("vm-web-1", 140m)]);

        var cut = Render<RecommendationGrid>(p => p.Add(c => c.Kind, RecommendationKind.Compute));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid='rec-row']").Count));

        Assert.Equal("no metrics", Assert.Single(cut.FindAll("[data-testid='rec-no-metrics']")).TextContent.Trim());
        Assert.Equal("CPU 12%", Normalize(Assert.Single(cut.FindAll("[data-testid='rec-cpu']")).TextContent));
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
