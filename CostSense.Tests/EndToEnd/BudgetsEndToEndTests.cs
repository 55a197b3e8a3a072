using CostSense.Core.Access;
using CostSense.Core.Budgets;
using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;
using CostSense.Core.Money;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>
/// /budgets in Chromium on the demo tenant: an Analyst creates a budget for a subscription below what its month to date
/// already is, and sees it over budget, with the dashboard's month to date on its bar and its alerts (the thresholds
/// crossed) on the page at once; a Viewer sees the same budget and no button to change it.
/// </summary>
public sealed class BudgetsEndToEndTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task AnAnalyst_CreatesABudgetTheMonthExceeds_AndSeesItOver_WithItsAlert()
    {
        app.RequireBrowser();
        var ct = TestContext.Current.CancellationToken;
        var dashboard = app.Services.GetRequiredService<IDashboardService>();
        var asOf = await dashboard.AsOfAsync(app.Services.GetRequiredService<TimeProvider>(), ct);
        var month = new DateOnly(asOf.Year, asOf.Month, 1);
        var subscription = (await app.Services.GetRequiredService<BudgetService>().ScopesAsync(CostScopeKind.Subscription, null, ct))[0];
        var snapshot = await dashboard.GetAsync(new CostFilter(month, asOf, subscription.Key), ct);
        var kpis = snapshot.Kpis;
        Assert.True(kpis.MonthToDate > 2m);
        // Half of what the subscription has cost so far this month, in whole currency units.
        var amount = Math.Floor(kpis.MonthToDate / 2m);

        var page = new BudgetsPage(await app.NewPageAsync(AppRoles.Analyst), app.BaseAddress);
        await page.OpenAsync();
        await page.CreateSubscriptionBudgetAsync("Over already", subscription.Name, amount);

        var card = page.Budget("Over already");
        await card.WaitForAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(card).ToHaveAttributeAsync("data-state", "Over");
        Assert.Equal("Over budget", (await card.Locator("[data-testid=budget-state]").InnerTextAsync()).Trim());
        Assert.StartsWith(MoneyFormat.Format(kpis.MonthToDate, snapshot.Currency) + " · ", (await card.Locator("[data-testid=budget-actual-text]").InnerTextAsync()).Trim());
        var alert = card.Locator("[data-testid=budget-alert-chip][data-basis=Actual][data-threshold='100']");
        await alert.WaitForAsync();
        Assert.Contains("100% of actual", await alert.InnerTextAsync());
        await Assertions.Expect(page.Notice).ToContainTextAsync("Saved \"Over already\".");

        await card.Locator("[data-testid=budget-toggle-detail]").ClickAsync();
        await card.Locator("[data-testid=budget-alert]").First.WaitForAsync();
        Assert.True(await card.Locator("[data-testid=budget-alert]").CountAsync() >= 3);
        await page.Page.ScreenshotAsync(new() { Path = WebAppFixture.OutputPath("budgets.png"), FullPage = true });

        var viewer = new BudgetsPage(await app.NewPageAsync(AppRoles.Viewer), app.BaseAddress);
        await viewer.OpenAsync();
        await Assertions.Expect(viewer.Budget("Over already")).ToHaveAttributeAsync("data-state", "Over");
        Assert.Equal(0, await viewer.ByTestId("budget-new").CountAsync());
        Assert.Equal(0, await viewer.ByTestId("budget-edit").CountAsync());
    }
}
