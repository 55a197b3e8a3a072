using System.Text.Json;
using CostSense.Core.Access;
using CostSense.Core.Assistant;
using CostSense.Core.Budgets;
using CostSense.Core.Data.Entities;
using CostSense.Core.Money;
using CostSense.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace CostSense.Tests.Assistant;

/// <summary>
/// The FinOps advisor's read-only budget tool, called as the model calls it over the demo tenant: it returns each budget's
/// status this month with the budgets page's figures, formatted as the page formats them, worst first.
/// </summary>
public sealed class BudgetStatusToolTests(DemoTenantStore store) : IClassFixture<DemoTenantStore>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private CoreHost Host => store.Host;

    private async Task<JsonElement> CallAsync()
    {
        var guard = new ToolGuard(Host.Get<SpecialistCatalog>().ToolsOf(SpecialistKind.FinOpsAdvisor));
        var function = guard.Find("get_budget_status") ?? throw new InvalidOperationException("no get_budget_status");
        var result = await function.InvokeAsync(new AIFunctionArguments(), Ct);
        var text = result is JsonElement e ? e.GetString() ?? e.GetRawText() : result?.ToString();
        return JsonDocument.Parse(text!).RootElement.Clone();
    }

    [Fact]
    public async Task BudgetStatus_IsThePagesFigures_WorstFirst()
    {
        var none = await CallAsync();
        Assert.Empty(none.GetProperty("budgets").EnumerateArray());
        Assert.Contains("No budgets", none.GetProperty("note").GetString());

        var analyst = await Host.AddPersonAsync("analyst@example.com", AppRoles.Analyst);
        var budgets = Host.Get<BudgetService>();
        var before = await budgets.StatusAsync(Ct);
        var sub = (await budgets.ScopesAsync(CostScopeKind.Subscription, null, Ct))[0];
        await budgets.CreateAsync(analyst, new BudgetDraft("Roomy", CostScopeKind.Total, "", 100_000_000m, before.Month, true, null), Ct);
        await budgets.CreateAsync(analyst, new BudgetDraft("Tight", CostScopeKind.Subscription, sub.Key, 1m, before.Month, false, null), Ct);
        var overview = await budgets.StatusAsync(Ct);
        var tight = overview.Budgets.Single(b => b.Budget.Name == "Tight");

        var result = await CallAsync();

        Assert.Equal(overview.Month.ToString("yyyy-MM"), result.GetProperty("month").GetString());
        Assert.Equal(overview.AsOf!.Value.ToString("yyyy-MM-dd"), result.GetProperty("asOf").GetString());
        var rows = result.GetProperty("budgets").EnumerateArray().ToList();
        Assert.Equal(["Tight", "Roomy"], rows.Select(r => r.GetProperty("name").GetString()).ToList());
        var first = rows[0];
        Assert.Equal("over budget", first.GetProperty("status").GetString());
        Assert.Equal($"subscription {sub.Name}", first.GetProperty("scope").GetString());
        Assert.Equal(MoneyFormat.Format(tight.Actual, overview.Currency), first.GetProperty("actual").GetString());
        Assert.Equal(MoneyFormat.Format(tight.Forecast, overview.Currency), first.GetProperty("forecast").GetString());
        Assert.Equal("$1.00", first.GetProperty("amount").GetString());
        Assert.Equal(["50%", "80%", "100%"], first.GetProperty("crossedActualThresholds").EnumerateArray().Select(t => t.GetString()).ToList());
        Assert.Equal("within budget", rows[1].GetProperty("status").GetString());
        Assert.Empty(rows[1].GetProperty("crossedActualThresholds").EnumerateArray());
    }
}
