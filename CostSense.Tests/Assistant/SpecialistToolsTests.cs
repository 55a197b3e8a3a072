using System.Text.Json;
using CostSense.Core.Assistant;
using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;
using CostSense.Core.Money;
using CostSense.Core.Recommendations;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace CostSense.Tests.Assistant;

/// <summary>
/// The specialists' tools, called as the model calls them, over the seeded demo tenant: each returns the figures the
/// pages show (to the cent, formatted the same way), and wrong arguments come back as errors the model can correct.
/// </summary>
public sealed class SpecialistToolsTests(DemoTenantStore store) : IClassFixture<DemoTenantStore>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateTimeOffset Now => DemoTenantStore.Now;
    private CoreHost Host => store.Host;

    private async Task<JsonElement> CallAsync(SpecialistKind kind, string tool, params (string Key, object? Value)[] args)
    {
        var guard = new ToolGuard(Host.Get<SpecialistCatalog>().ToolsOf(kind));
        var function = guard.Find(tool) ?? throw new InvalidOperationException($"{kind} has no tool {tool}");
        var result = await function.InvokeAsync(new AIFunctionArguments(args.ToDictionary(a => a.Key, a => a.Value)), Ct);
        var text = result is JsonElement e ? e.GetString() ?? e.GetRawText() : result?.ToString();
        return JsonDocument.Parse(text!).RootElement.Clone();
    }

    private static string Usd(decimal amount) => MoneyFormat.Format(amount, "USD");

    [Fact]
    public void EachSpecialistHasAtMostFourTools_UnderTheirPlainNames_WithFlatParameters()
    {
        var catalog = Host.Get<SpecialistCatalog>();
        var names = Enum.GetValues<SpecialistKind>().ToDictionary(k => k, k => catalog.ToolsOf(k).Select(t => t.Name).ToList());

        Assert.Empty(names[SpecialistKind.Orchestrator]);
        Assert.Equal(["compare_day", "get_anomalies", "get_cost_breakdown", "get_cost_overview"], names[SpecialistKind.CostAnalyst].Order());
        Assert.Equal(["get_compute_savings", "get_vm_recommendations", "get_vm_utilization"], names[SpecialistKind.ComputeOptimizer].Order());
        Assert.Equal(["get_storage_recommendations", "get_storage_savings"], names[SpecialistKind.StorageOptimizer].Order());
        Assert.Equal(["get_commitment_options", "get_remediation_plan", "get_savings_summary"], names[SpecialistKind.FinOpsAdvisor].Order());
        foreach (var tool in Enum.GetValues<SpecialistKind>().SelectMany(catalog.ToolsOf))
        {
            Assert.False(string.IsNullOrWhiteSpace(tool.Description));
            foreach (var p in tool.JsonSchema.GetProperty("properties").EnumerateObject())
            {
                var type = p.Value.GetProperty("type");
                var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()];
                Assert.All(types, t => Assert.Contains(t, new[] { "string", "integer", "null" }));
            }
        }
    }

    [Fact]
    public async Task VmRecommendations_ForAResourceGroup_CarryTheGridsTotal()
    {
        var grid = await Host.Get<IRecommendationService>().QueryAsync(new RecommendationQuery(RecommendationKind.Compute,
            Status: RecommendationStatus.Open, ResourceGroup: "rg-prod-api", Category: RecommendationCategory.Rightsize), Ct);
        Assert.True(grid.TotalCount > 0);

        var result = await CallAsync(SpecialistKind.ComputeOptimizer, "get_vm_recommendations", ("resourceGroup", "RG-PROD-API"), ("category", "Rightsize"), ("top", 3));

        Assert.Equal("rg-prod-api", result.GetProperty("resourceGroup").GetString());
        Assert.Equal(grid.TotalCount, result.GetProperty("openRecommendations").GetInt32());
        Assert.Equal(Usd(grid.TotalMonthlySavings), result.GetProperty("totalMonthlySavings").GetString());
        var rows = result.GetProperty("top").EnumerateArray().ToList();
        Assert.Equal(Math.Min(3, grid.TotalCount), rows.Count);
        Assert.Equal(grid.Items[0].ResourceName, rows[0].GetProperty("resource").GetString());
        Assert.Equal(Usd(grid.Items[0].MonthlySavings), rows[0].GetProperty("monthlySavings").GetString());
    }

    [Fact]
    public async Task ThreeYearReservations_AreTheGridsRowsOverThirtySixMonths()
    {
        var grid = await Host.Get<IRecommendationService>().QueryAsync(new RecommendationQuery(RecommendationKind.Compute,
            Category: RecommendationCategory.Commitment, Action: RecommendationAction.Reserve3Year, Status: RecommendationStatus.Open), Ct);

        var result = await CallAsync(SpecialistKind.FinOpsAdvisor, "get_commitment_options", ("term", "3y"));

        var option = Assert.Single(result.GetProperty("options").EnumerateArray());
        Assert.Equal(grid.TotalCount, option.GetProperty("vms").GetInt32());
        Assert.Equal(Usd(grid.TotalMonthlySavings), option.GetProperty("monthlySavings").GetString());
        Assert.Equal(Usd(grid.TotalMonthlySavings * 36m), option.GetProperty("savingsOverTerm").GetString());
    }

    [Fact]
    public async Task SavingsSummary_AndCostOverview_AreTheSavingsPagesAndTheDashboardsFigures()
    {
        var summary = await Host.Get<IRecommendationService>().SummaryAsync(Ct);
        var asOf = (await Host.Get<IDashboardService>().LatestDataDateAsync(Ct))!.Value;
        var dashboard = await Host.Get<IDashboardService>().GetAsync(new CostFilter(new DateOnly(asOf.Year, asOf.Month, 1), asOf), Ct);

        var savings = await CallAsync(SpecialistKind.FinOpsAdvisor, "get_savings_summary");
        var overview = await CallAsync(SpecialistKind.CostAnalyst, "get_cost_overview");
        var breakdown = await CallAsync(SpecialistKind.CostAnalyst, "get_cost_breakdown", ("dimension", "Resource Group"));

        Assert.Equal(Usd(summary.OpenMonthlySavings), savings.GetProperty("openMonthlySavings").GetString());
        Assert.Equal(Usd(dashboard.Kpis.MonthToDate), overview.GetProperty("monthToDate").GetString());
        Assert.Equal(Usd(dashboard.Kpis.ForecastMonthEnd), overview.GetProperty("forecastMonthEnd").GetString());
        Assert.Equal(dashboard.ByResourceGroup[0].Name, breakdown.GetProperty("rows")[0].GetProperty("name").GetString());
        Assert.Equal(Usd(dashboard.ByResourceGroup[0].Cost), breakdown.GetProperty("rows")[0].GetProperty("cost").GetString());
    }

    [Fact]
    public async Task CompareDay_NamesWhatMoved_OnAPlantedIncident()
    {
        var incident = Host.Get<DemoTenantGenerator>().Generate(new DemoTenantOptions(), DateOnly.FromDateTime(Now.UtcDateTime)).Incidents[0];

        var result = await CallAsync(SpecialistKind.CostAnalyst, "compare_day", ("date", incident.From.ToString("yyyy-MM-dd")));

        Assert.StartsWith("+", result.GetProperty("changePercent").GetString());
        Assert.Equal(incident.ServiceName, result.GetProperty("servicesThatMoved")[0].GetProperty("name").GetString());
        Assert.Equal(incident.Group.Name, result.GetProperty("resourceGroupsThatMoved")[0].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("get_vm_recommendations", "resourceGroup", "rg-production", "There is no resource group 'rg-production'. Resource groups include: rg-prod-")]
    [InlineData("get_vm_recommendations", "category", "bigger", "category must be one of rightsize, shutdown, commitment, performance (was 'bigger').")]
    [InlineData("get_vm_utilization", "vmName", "vm-nowhere", "There is no VM 'vm-nowhere'.")]
    public async Task WrongArguments_ComeBackAsErrorsTheModelCanCorrect(string tool, string argument, string value, string error)
    {
        var result = await CallAsync(SpecialistKind.ComputeOptimizer, tool, (argument, value));

        Assert.StartsWith(error, result.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ABadDate_IsNamedInTheError()
    {
        var result = await CallAsync(SpecialistKind.CostAnalyst, "get_anomalies", ("from", "last tuesday"));

        Assert.Equal("from must be a date as YYYY-MM-DD (was 'last tuesday').", result.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AnIdenticalRepeatedCall_IsRefused_AndRecordedOnce()
    {
        var guard = new ToolGuard(Host.Get<SpecialistCatalog>().ToolsOf(SpecialistKind.StorageOptimizer));
        var tool = guard.Find("get_storage_recommendations")!;
        var args = new Dictionary<string, object?> { ["category"] = "lifecycle" };

        var first = await tool.InvokeAsync(new AIFunctionArguments(args), Ct);
        var second = await tool.InvokeAsync(new AIFunctionArguments(args), Ct);

        Assert.DoesNotContain("already called", first?.ToString());
        Assert.Contains("You already called get_storage_recommendations with these arguments", second?.ToString());
        var call = Assert.Single(guard.Called);
        Assert.Equal("get_storage_recommendations(category: lifecycle)", call.Display);
        Assert.Equal([call], guard.TakeNew());
    }
}
