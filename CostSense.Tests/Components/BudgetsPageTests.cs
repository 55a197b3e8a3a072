using Bunit;
using CostSense.Core.Access;
using CostSense.Core.Budgets;
using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;
using CostSense.Tests.Infrastructure;
using CostSense.Web.Components.Pages.Budgets;
using CostSense.Web.Startup;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CostSense.Tests.Components;

/// <summary>
/// The /budgets page and the dashboard's budget card over the real budget service and a SQLite store of hand-made cost
/// (1–19 March 2026, 10.00 a day on each of two subscriptions): an Analyst creates a budget through the form and sees it
/// over, with its alerts, at once; a bad draft shows the service's message; a Viewer reads without buttons; an empty store
/// says so; the card lists crossed budgets worst first and is quiet otherwise.
/// </summary>
public sealed class BudgetsPageTests : ComponentTestBase
{
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly March = new(2026, 3, 1);
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<(CoreHost Host, Actor Person)> StartAsync(string role = AppRoles.Analyst, bool data = true)
    {
        var host = await CoreHost.StartAsync(StoreKind.Sqlite, Now);
        if (data)
            await host.Get<CostStore>().ReplacePeriodAsync("test", March, new DateOnly(2026, 3, 20),
                [.. Rows.Daily(March, new(2026, 3, 19), 10m, "sub-a"), .. Rows.Daily(March, new(2026, 3, 19), 10m, "sub-b")], Ct);
        var person = await host.AddPersonAsync($"{role.ToLowerInvariant()}@budgets.test", role);
        Services.AddSingleton(host.Get<BudgetService>());
        Services.AddSingleton(host.Get<IBudgetEvaluation>());
        Services.AddSingleton<TimeProvider>(host.Time);
        var status = new StoreStatus();
        status.MarkReady();
        Services.AddSingleton(status);
        Authentication.SignInAs(person);
        OnLiveCircuit();
        return (host, person);
    }

    private static async Task<Actor> AnalystAsync(CoreHost host) => await host.AddPersonAsync("other-analyst@budgets.test", AppRoles.Analyst);

    [Fact]
    public async Task AnAnalyst_CreatesABudgetTheMonthExceeds_AndSeesItOver_WithItsAlerts()
    {
        var (host, _) = await StartAsync();
        await using var _ = host;
        var cut = Render<BudgetsPage>();
        cut.WaitForElement("[data-testid=budgets-empty]");
        Assert.Contains("Figures for March 2026 as of 2026-03-19, in USD.", cut.Find("[data-testid=budgets-as-of]").TextContent);

        cut.Find("[data-testid=budget-new]").Click();
        cut.WaitForElement("[data-testid=budget-form]");
        var name = cut.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Name").Instance;
        await cut.InvokeAsync(() => name.ValueChanged.InvokeAsync("Subscription A"));
        var scope = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Subscription").Instance;
        await cut.InvokeAsync(() => scope.ValueChanged.InvokeAsync("sub-a"));
        var amount = cut.FindComponent<MudNumericField<decimal?>>().Instance;
        await cut.InvokeAsync(() => amount.ValueChanged.InvokeAsync(150m));
        cut.Find("[data-testid=budget-save]").Click();

        // 190.00 to date against 150.00: over, with 50%, 80% and 100% of actual and 100% of forecast recorded at once.
        var card = cut.WaitForElement("[data-testid=budget][data-budget='Subscription A']");
        Assert.Equal("Over", card.GetAttribute("data-state"));
        Assert.Equal("Over budget", card.QuerySelector("[data-testid=budget-state]")!.TextContent.Trim());
        Assert.Contains("Saved \"Subscription A\". 4 threshold crossing(s) recorded.", cut.Find("[data-testid=budgets-notice]").TextContent);
        Assert.Equal("$190.00 · 126.7%", card.QuerySelector("[data-testid=budget-actual-text]")!.TextContent.Trim());
        Assert.Equal("$310.00 · 206.7%", card.QuerySelector("[data-testid=budget-forecast-text]")!.TextContent.Trim());
        Assert.Equal(["Actual:50", "Actual:80", "Actual:100", "Forecast:100"],
            card.QuerySelectorAll("[data-testid=budget-alert-chip]").Select(c => $"{c.GetAttribute("data-basis")}:{c.GetAttribute("data-threshold")}").ToList());
        Assert.Contains("100% of actual · $190.00 · 2026-03-19", card.QuerySelectorAll("[data-testid=budget-alert-chip]")[2].TextContent);
        Assert.Contains("Subscription Subscription sub-a · monthly from March 2026", card.QuerySelector("[data-testid=budget-scope]")!.TextContent);

        card.QuerySelector("[data-testid=budget-toggle-detail]")!.Click();
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=budget-alert]").Count));
        var month = cut.Find("[data-testid=budget-month][data-month='2026-03']");
        Assert.Contains("$150.00", month.TextContent);
        Assert.Contains("+$40.00", month.TextContent);
    }

    [Fact]
    public async Task ABadDraft_ShowsTheServicesMessage_AndSavesNothing()
    {
        var (host, _) = await StartAsync();
        await using var _ = host;
        var cut = Render<BudgetsPage>();
        cut.WaitForElement("[data-testid=budget-new]").Click();
        cut.WaitForElement("[data-testid=budget-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Name: give the budget a name.", cut.Find("[data-testid=budget-form-error]").TextContent.Trim()));
        Assert.Empty(await host.Get<BudgetService>().ListAsync(Ct));
    }

    [Fact]
    public async Task AnAnalyst_EditsAndDeletesWithConfirmation()
    {
        var (host, _) = await StartAsync();
        await using var _ = host;
        var budgets = host.Get<BudgetService>();
        await budgets.CreateAsync(await AnalystAsync(host), new BudgetDraft("Tenant", CostScopeKind.Total, "", 1000m, March, true, null), Ct);
        var cut = Render<BudgetsPage>();
        var card = cut.WaitForElement("[data-testid=budget][data-budget=Tenant]");
        Assert.Equal("Fine", card.GetAttribute("data-state"));

        card.QuerySelector("[data-testid=budget-edit]")!.Click();
        var amount = cut.WaitForComponent<MudNumericField<decimal?>>().Instance;
        Assert.Equal("1000", cut.Find("input[data-testid=budget-amount], [data-testid=budget-amount] input").GetAttribute("value"));
        await cut.InvokeAsync(() => amount.ValueChanged.InvokeAsync(700m));
        cut.Find("[data-testid=budget-save]").Click();
        // 380.00 to date of 700.00 crosses 50%; the forecast, 620.00, stays under.
        cut.WaitForAssertion(() => Assert.Equal("ThresholdCrossed", cut.Find("[data-testid=budget][data-budget=Tenant]").GetAttribute("data-state")));
        Assert.Equal(700m, Assert.Single(await budgets.ListAsync(Ct)).Amount);

        cut.Find("[data-testid=budget-delete]").Click();
        Assert.Single(await budgets.ListAsync(Ct));
        cut.Find("[data-testid=budget-delete-confirm]").Click();
        cut.WaitForElement("[data-testid=budgets-empty]");
        Assert.Empty(await budgets.ListAsync(Ct));
    }

    [Fact]
    public async Task AViewer_ReadsBudgets_WithoutAnyButtonToChangeThem()
    {
        var (host, _) = await StartAsync(AppRoles.Viewer);
        await using var _ = host;
        await host.Get<BudgetService>().CreateAsync(await AnalystAsync(host), new BudgetDraft("Tenant", CostScopeKind.Total, "", 1000m, March, true, null), Ct);
        var cut = Render<BudgetsPage>();

        cut.WaitForElement("[data-testid=budget][data-budget=Tenant]");
        Assert.Empty(cut.FindAll("[data-testid=budget-new]"));
        Assert.Empty(cut.FindAll("[data-testid=budget-edit]"));
        Assert.Empty(cut.FindAll("[data-testid=budget-delete]"));
        Assert.Equal("$380.00 · 38.0%", cut.Find("[data-testid=budget-actual-text]").TextContent.Trim());
    }

    [Fact]
    public async Task AnEmptyStore_SaysThereIsNoCostYet()
    {
        var (host, _) = await StartAsync(data: false);
        await using var _ = host;
        var cut = Render<BudgetsPage>();

        cut.WaitForElement("[data-testid=budgets-no-data]");
        Assert.Empty(cut.FindAll("[data-testid=budget-new]"));
    }

    [Fact]
    public async Task TheCard_IsQuietWithoutBudgets_AndListsCrossedOnesWorstFirst()
    {
        var (host, _) = await StartAsync();
        await using var _ = host;
        var none = Render<BudgetStatusCard>();
        none.WaitForElement("[data-testid=budget-card-none]");

        var analyst = await AnalystAsync(host);
        var budgets = host.Get<BudgetService>();
        await budgets.CreateAsync(analyst, new BudgetDraft("Roomy", CostScopeKind.Total, "", 10_000m, March, true, null), Ct);
        var fine = Render<BudgetStatusCard>();
        Assert.Contains("All 1 budget(s) are within their thresholds in March 2026.", fine.WaitForElement("[data-testid=budget-card-fine]").TextContent);

        // sub-a: 190.00 of 350.00 (54.3%, forecast 88.6%): 50% crossed. sub-b: 190.00 of 180.00: over.
        await budgets.CreateAsync(analyst, new BudgetDraft("Half", CostScopeKind.Subscription, "sub-a", 350m, March, true, null), Ct);
        await budgets.CreateAsync(analyst, new BudgetDraft("Over", CostScopeKind.Subscription, "sub-b", 180m, March, true, null), Ct);
        var crossed = Render<BudgetStatusCard>();

        crossed.WaitForElement("[data-testid=budget-card-row]");
        var rows = crossed.FindAll("[data-testid=budget-card-row]");
        Assert.Equal(["Over", "Half"], rows.Select(r => r.GetAttribute("data-budget")).ToList());
        Assert.Equal("105.6%", rows[0].QuerySelector("[data-testid=budget-card-actual]")!.TextContent.Trim());
        Assert.Equal("forecast 172.2%", rows[0].QuerySelector("[data-testid=budget-card-forecast]")!.TextContent.Trim());
        Assert.Equal("54.3%", rows[1].QuerySelector("[data-testid=budget-card-actual]")!.TextContent.Trim());
        Assert.Equal("/budgets", crossed.Find("[data-testid=budget-card-link]").GetAttribute("href"));
    }
}
