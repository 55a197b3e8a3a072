using Bunit;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Advisor;
using CostSense.Core.Recommendations.CostOnly;
using CostSense.Web.Components.Pages.Recommendations;
using CostSense.Web.Recommendations;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace CostSense.Tests.Components;

/// <summary>
/// Azure Advisor beside CostSense in the grids: the column (✓, both targets, —) and the filter appear only with Advisor data,
/// the filter reaches the service and the export link, "Advisor only" lists Advisor's own rows, a saving Advisor left out
/// reads "not given" (never $0.00), and each VM says where its metrics came from.
/// </summary>
public sealed class RecommendationsAdvisorTests : ComponentTestBase
{
    private readonly FakeRecommendationService _recs = new();
    private readonly Recommendation _agreed = RecommendationSamples.Vm("vm-web-1", 140m);
    private readonly Recommendation _differed = RecommendationSamples.Vm("vm-web-2", 60m);
    private readonly Recommendation _alone = RecommendationSamples.Vm("vm-web-3", 20m);

    public RecommendationsAdvisorTests()
    {
        _recs.Items.AddRange([_agreed, _differed, _alone]);
        Services.AddSingleton<IRecommendationService>(_recs);
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero)));
        OnLiveCircuit();
    }

    private static AdvisorRecommendation Advisor(string resourceId, string? current, string? target, decimal? monthly, decimal? annual, string? impact = "High") => new()
    {
        Id = resourceId + "/providers/Microsoft.Advisor/recommendations/x", ResourceId = resourceId.ToLowerInvariant(), SubscriptionId = "sub-1",
        ImpactedValue = resourceId.Split('/')[^1], ImpactedField = "Microsoft.Compute/virtualMachines", RecommendationTypeId = AdvisorActions.LowUsageVm,
        Problem = "Right-size or shutdown underutilized virtual machines", Solution = "Right-size or shutdown underutilized virtual machines",
        CurrentSku = current, TargetSku = target, MonthlySavings = monthly, AnnualSavings = annual, Impact = impact,
    };

    private void WithAdvisor()
    {
        _recs.HasAdvisorData = true;
        var agrees = Advisor(_agreed.ResourceId, "Standard_D8s_v5", "Standard_D4s_v5", 41.9m, 502.8m);
        var differs = Advisor(_differed.ResourceId, "Standard_D8s_v5", "Standard_D2s_v5", null, null);
        _recs.Opinions[_agreed.Id] = AdvisorComparison.Compare(_agreed, [agrees])!;
        _recs.Opinions[_differed.Id] = AdvisorComparison.Compare(_differed, [differs])!;
    }

    private IRenderedComponent<RecommendationGrid> RenderGrid()
    {
        var cut = Render<RecommendationGrid>(p => p.Add(c => c.Kind, RecommendationKind.Compute));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid='rec-row']").Count));
        return cut;
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string AdvisorCellOf(IRenderedComponent<RecommendationGrid> cut, string name) => Normalize(cut.FindAll("tr.rec-row")
        .Single(tr => tr.QuerySelector($"[data-rec-id='rec-{name}']") is not null).QuerySelector("[data-testid='rec-advisor']")!.TextContent);

    [Fact]
    public void WithoutAdvisorData_ThereIsNoAdvisorColumnOrFilter()
    {
        var cut = RenderGrid();

        Assert.DoesNotContain(cut.FindAll("th"), th => th.TextContent.Trim() == "Advisor");
        Assert.Empty(cut.FindAll("[data-testid='rec-advisor']"));
        Assert.Empty(cut.FindAll("[data-testid='filter-advisor']"));
    }

    [Fact]
    public void WithAdvisorData_TheColumnSaysAgreesDiffersWithBothTargetsOrNothing()
    {
        WithAdvisor();

        var cut = RenderGrid();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("th"), th => th.TextContent.Trim() == "Advisor"));
        Assert.Equal("✓", AdvisorCellOf(cut, "vm-web-1"));
        Assert.Equal("Advisor: Standard_D2s_v5 vs ours: Standard_D4s_v5", AdvisorCellOf(cut, "vm-web-2"));
        Assert.Equal("—", AdvisorCellOf(cut, "vm-web-3"));
        Assert.NotEmpty(cut.FindAll("[data-testid='filter-advisor']"));
    }

    [Fact]
    public void AnAdvisorSavingLeftOut_ReadsNotGiven_NeverZero()
    {
        WithAdvisor();

        var cut = RenderGrid();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid='rec-advisor-savings']").Count));
        var savings = cut.FindAll("[data-testid='rec-advisor-savings']").Select(e => Normalize(e.TextContent)).ToList();
        Assert.Equal(["Advisor's saving: $41.90 a month · $502.80 a year", "Advisor's saving: not given"], savings);
        Assert.DoesNotContain(savings, s => s.Contains("$0.00"));
    }

    [Fact]
    public async Task TheAdvisorFilter_ReachesTheServiceAndTheExportLink()
    {
        WithAdvisor();
        var cut = RenderGrid();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='filter-advisor']")));
        var select = cut.FindComponent<MudSelect<AdvisorFilter?>>().Instance;

        await cut.InvokeAsync(() => select.ValueChanged.InvokeAsync(AdvisorFilter.Differs));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid='rec-row']")));
        Assert.Equal(AdvisorFilter.Differs, _recs.Queries[^1].Advisor);
        Assert.Equal("Advisor: Standard_D2s_v5 vs ours: Standard_D4s_v5", AdvisorCellOf(cut, "vm-web-2"));
        var href = cut.Find("[data-testid='export-csv']").GetAttribute("href")!;
        Assert.Contains("advisor=Differs", href);
        var parsed = RecommendationQueryString.TryParse(QueryHelpers.ParseQuery(href[href.IndexOf('?')..]), out _);
        Assert.Equal(AdvisorFilter.Differs, parsed!.Advisor);
    }

    [Fact]
    public async Task AdvisorOnly_ListsAdvisorsOwnRecommendations_WithNotGivenForWhatItLeftOut()
    {
        WithAdvisor();
        _recs.AdvisorOnly.AddRange([
            Advisor("/subscriptions/sub-1/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-batch", "Standard_E8s_v5", "Shutdown", 310.5m, 3726m),
            Advisor("/subscriptions/sub-1/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-quiet", null, null, null, null, impact: null),
        ]);
        var cut = RenderGrid();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='filter-advisor']")));
        var select = cut.FindComponent<MudSelect<AdvisorFilter?>>().Instance;

        await cut.InvokeAsync(() => select.ValueChanged.InvokeAsync(AdvisorFilter.AdvisorOnly));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid='advisor-only-row']").Count));
        Assert.Empty(cut.FindAll("[data-testid='rec-row']"));
        Assert.Empty(cut.FindAll("[data-testid='export-csv']"));
        Assert.Equal(RecommendationKind.Compute, Assert.Single(_recs.AdvisorOnlyQueries).Kind);
        Assert.Equal(["vm-batch", "vm-quiet"], cut.FindAll("[data-testid='advisor-only-resource']").Select(e => e.TextContent.Trim()));
        Assert.Equal(["Standard_E8s_v5 → Shutdown", "not given"], cut.FindAll("[data-testid='advisor-only-skus']").Select(e => e.TextContent.Trim()));
        Assert.Equal(["$310.50 a month · $3,726.00 a year", "not given"], cut.FindAll("[data-testid='advisor-only-savings']").Select(e => Normalize(e.TextContent)));
        Assert.Equal(["High", "not given"], cut.FindAll("[data-testid='advisor-only-impact']").Select(e => e.TextContent.Trim()));
        Assert.Contains("Right-size or shutdown underutilized virtual machines", cut.Find("[data-testid='advisor-only-problem']").TextContent);
        Assert.Equal("2 Advisor recommendations on resources CostSense has no recommendation for", cut.Find("[data-testid='advisor-only-count']").TextContent.Trim());

        // Back to any: CostSense's rows again.
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<AdvisorFilter?>>().Instance.ValueChanged.InvokeAsync(null));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid='rec-row']").Count));
    }

    [Fact]
    public void EachVm_SaysWhereItsMetricsCameFrom()
    {
        _recs.MetricsSources[_agreed.ResourceId] = MetricsSource.AzureMonitor;
        _recs.MetricsSources[_differed.ResourceId] = MetricsSource.Demo;

        var cut = RenderGrid();

        Assert.Equal(["metrics: Azure Monitor", "metrics: demo", "metrics: none"],
            cut.FindAll("[data-testid='rec-metrics-source']").Select(e => Normalize(e.TextContent)));
    }

    [Fact]
    public void TheRowDetail_ShowsAdvisorsRecommendation_AndNotGivenForItsSaving()
    {
        WithAdvisor();

        var cut = Render<RecommendationDetail>(p => p.Add(c => c.Recommendation, _differed).Add(c => c.Currency, "USD").Add(c => c.Advisor, _recs.Opinions[_differed.Id]));

        cut.WaitForAssertion(() => Assert.Contains("Advisor: Standard_D2s_v5 · ours: Standard_D4s_v5", Normalize(cut.Find("[data-testid='rec-detail-advisor']").TextContent)));
        Assert.Equal("not given", cut.Find("[data-testid='rec-detail-advisor-savings']").TextContent.Trim());
    }

    [Fact]
    public void TheQueryString_RoundTripsTheAdvisorFilter_AndRefusesAnUnknownOne()
    {
        var query = new RecommendationQuery(RecommendationKind.Compute, Advisor: AdvisorFilter.AdvisorOnly);

        var parsed = RecommendationQueryString.TryParse(QueryHelpers.ParseQuery(RecommendationQueryString.Build(query)), out var error);

        Assert.Null(error);
        Assert.Equal(query with { Take = int.MaxValue }, parsed);
        Assert.Null(RecommendationQueryString.TryParse(QueryHelpers.ParseQuery("?kind=Compute&advisor=Maybe"), out var refused));
        Assert.NotNull(refused);
    }
}

/// <summary>The compute grid's notice says how many VMs' metrics came from Azure Monitor, and nothing about it for the demo tenant.</summary>
public sealed class RecommendationsMetricsSourceNoticeTests : ComponentTestBase
{
    [Fact]
    public void LiveVms_AreCountedAsAzureMonitor_TheDemoAloneSaysNothing()
    {
        var live = Render<DataBasisNotice>(p => p.Add(c => c.Kind, RecommendationKind.Compute)
            .Add(c => c.Basis, new DataBasis(12, 10, 0, 3, 0) { VmsFromAzureMonitor = 10 }));
        var demo = Render<DataBasisNotice>(p => p.Add(c => c.Kind, RecommendationKind.Compute)
            .Add(c => c.Basis, new DataBasis(40, 40, 0, 12, 0) { VmsFromDemo = 40 }));

        Assert.Equal("Metrics: 10 of 12 VMs from Azure Monitor.", string.Join(' ', live.Find("[data-testid='data-basis-metrics']").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(demo.FindAll("[data-testid='data-basis-metrics']"));
    }
}
