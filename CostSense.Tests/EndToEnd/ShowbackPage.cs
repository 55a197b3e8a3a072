using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>Page object for /showback: intent-named steps over its test ids.</summary>
public sealed class ShowbackPage(IPage page, Uri baseAddress)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync(new Uri(baseAddress, "showback").ToString());
        await page.Locator("[data-testid=chargeback-table]").WaitForAsync();
    }

    /// <summary>Picks a tag key in the picker (its items read "key · 93.1% coverage") and waits for the table of that key.</summary>
    public async Task PickTagKeyAsync(string key)
    {
        await page.WaitUntilLiveAsync();
        await page.Locator("[data-testid=showback-key]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item")
            .Filter(new() { HasTextRegex = new Regex("^\\s*" + Regex.Escape(key) + " · ") }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=chargeback-table] th").First).ToHaveTextAsync(key);
        await Assertions.Expect(page.Locator("[data-testid=showback-loading]")).ToHaveCountAsync(0);
    }

    /// <summary>The total row's total, as the page prints it.</summary>
    public async Task<string> TotalTextAsync() => (await page.Locator("[data-testid=chargeback-total]").InnerTextAsync()).Trim();

    public async Task<IReadOnlyList<string>> ValueLabelsAsync() => await page.Locator("[data-testid=row-label]").AllInnerTextsAsync();

    public ILocator UntaggedRow => page.Locator("[data-testid=row-untagged]");

    public async Task<string> CoverageTextAsync() => (await page.Locator("[data-testid=showback-coverage]").InnerTextAsync()).Trim();

    /// <summary>Clicks "CSV" and returns the file the browser downloaded, saved at <paramref name="path"/>.</summary>
    public async Task<(string FileName, string Text)> DownloadCsvAsync(string path)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=showback-csv]").ClickAsync());
        await download.SaveAsAsync(path);
        return (download.SuggestedFilename, await File.ReadAllTextAsync(path));
    }

    public async Task ScreenshotAsync(string path) => await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
}
