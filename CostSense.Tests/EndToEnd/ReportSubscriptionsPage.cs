using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>Page object for /reports: the report subscriptions, their form and the delivery log.</summary>
public sealed class ReportSubscriptionsPage(IPage page, Uri baseAddress)
{
    public IPage Page => page;

    public async Task OpenAsync() => await page.OpenLiveAsync(baseAddress, "/reports");

    public ILocator ByTestId(string testId) => page.Locator($"[data-testid={testId}]");

    public ILocator Notice => ByTestId("reports-notice");
    public ILocator Error => ByTestId("reports-error");
    public ILocator EmailOff => ByTestId("reports-email-off");
    public ILocator Form => ByTestId("reports-form");

    /// <summary>The subscription's row in the list.</summary>
    public ILocator Row(string name) => page.Locator("[data-testid=reports-subscriptions] tbody tr", new() { HasText = name });

    /// <summary>The delivery log's rows to the recipient.</summary>
    public ILocator LogRows(string recipient) => page.Locator("[data-testid=reports-log] tbody tr", new() { HasText = recipient });

    /// <summary>Fills the form (name and recipients; frequency, range and scope as they are) and creates the subscription.</summary>
    public async Task CreateAsync(string name, string recipients)
    {
        await Field("form-name").FillAsync(name);
        await page.Locator("[data-testid=form-recipients]").Locator("xpath=descendant-or-self::textarea").FillAsync(recipients);
        await page.Locator("[data-testid=form-recipients]").Locator("xpath=descendant-or-self::textarea").BlurAsync();
        await ByTestId("form-save").ClickAsync();
    }

    public async Task SendNowAsync(string name) => await Row(name).Locator("[data-testid=subscription-send-now]").ClickAsync();

    private ILocator Field(string testId) => ByTestId(testId).Locator("xpath=descendant-or-self::input");
}
