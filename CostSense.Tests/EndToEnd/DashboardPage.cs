using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>Page object for the dashboard: intent-named steps over its test ids.</summary>
public sealed class DashboardPage(IPage page, Uri baseAddress)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync(baseAddress.ToString());
        await page.Locator("[data-testid=kpi-mtd]").WaitForAsync();
    }

    /// <summary>Prerendered controls ignore clicks: wait for the circuit before using them.</summary>
    public async Task WaitUntilInteractiveAsync() => await page.WaitUntilLiveAsync();

    public async Task OpenEmptyAsync()
    {
        await page.GotoAsync(baseAddress.ToString());
        await page.Locator("[data-testid=generate-demo]").WaitForAsync();
    }

    public async Task GenerateDemoTenantAsync()
    {
        await page.Locator("[data-testid=generate-demo]").ClickAsync();
        await page.Locator("[data-testid=kpi-mtd]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
    }

    public async Task WaitForChartAsync() =>
        await page.Locator("[data-testid=daily-chart] svg").First.WaitForAsync();

    /// <summary>Chooses a subscription in the filter and waits until the month-to-date figure has changed.</summary>
    public async Task ChooseSubscriptionAsync(string name)
    {
        await WaitUntilInteractiveAsync();
        var before = await MonthToDateTextAsync();
        await page.Locator("[data-testid=subscription-select]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(name, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=kpi-mtd]")).Not.ToHaveTextAsync(before);
    }

    public async Task<string> MonthToDateTextAsync() => (await page.Locator("[data-testid=kpi-mtd]").InnerTextAsync()).Trim();

    /// <summary>The potential savings of the open recommendations.</summary>
    public ILocator SavingsKpi => page.Locator("[data-testid=savings-kpi]");

    public async Task<string> ForecastTextAsync() => (await page.Locator("[data-testid=kpi-forecast]").InnerTextAsync()).Trim();

    /// <summary>The range's total on the chart card.</summary>
    public async Task<string> RangeTotalTextAsync() => (await page.Locator("[data-testid=range-total]").InnerTextAsync()).Trim();

    /// <summary>Clicks "PDF summary" and returns the file the browser downloaded, saved at <paramref name="path"/>.</summary>
    public async Task<(string FileName, byte[] Bytes)> DownloadPdfSummaryAsync(string path)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=pdf-summary]").ClickAsync());
        await download.SaveAsAsync(path);
        return (download.SuggestedFilename, await File.ReadAllBytesAsync(path));
    }

    public async Task ScreenshotAsync(string path) => await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
}
