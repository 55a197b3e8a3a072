using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>Page object for /budgets: the budgets with their bars and alerts, and the form.</summary>
public sealed class BudgetsPage(IPage page, Uri baseAddress)
{
    public IPage Page => page;

    public async Task OpenAsync() => await page.OpenLiveAsync(baseAddress, "/budgets");

    public ILocator ByTestId(string testId) => page.Locator($"[data-testid={testId}]");

    public ILocator Notice => ByTestId("budgets-notice");
    public ILocator FormError => ByTestId("budget-form-error");

    /// <summary>A budget's card by its name.</summary>
    public ILocator Budget(string name) => page.Locator($"[data-testid=budget][data-budget=\"{name}\"]");

    /// <summary>Opens the form, fills it for a subscription budget (recurring, default thresholds) and creates it.</summary>
    public async Task CreateSubscriptionBudgetAsync(string name, string subscriptionName, decimal amount)
    {
        await ByTestId("budget-new").ClickAsync();
        await Input("budget-name").FillAsync(name);
        await ByTestId("budget-scope").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(subscriptionName, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Input("budget-amount").FillAsync(amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Input("budget-amount").BlurAsync();
        await ByTestId("budget-save").ClickAsync();
    }

    private ILocator Input(string testId) => ByTestId(testId).Locator("xpath=descendant-or-self::input").First;
}
