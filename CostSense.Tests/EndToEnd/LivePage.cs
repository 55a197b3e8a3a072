using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>
/// Opening a page of the app for use: prerendered controls ignore clicks until the page's circuit is live, which the
/// layout marks with data-circuit=live.
/// </summary>
public static class LivePage
{
    public static async Task OpenLiveAsync(this IPage page, Uri baseAddress, string path = "/")
    {
        await page.GotoAsync(new Uri(baseAddress, path).ToString());
        await page.WaitUntilLiveAsync();
    }

    public static async Task WaitUntilLiveAsync(this IPage page) => await page.Locator("[data-circuit=live]").WaitForAsync();
}
