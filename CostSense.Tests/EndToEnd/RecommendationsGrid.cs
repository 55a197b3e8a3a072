using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>Page object for a recommendations grid (/compute, /storage): its rows by recommendation id, filters and actions.</summary>
public sealed class RecommendationsGrid(IPage page, Uri baseAddress)
{
    /// <summary>Opens the grid and waits until it is live and shows its rows.</summary>
    public async Task OpenAsync(string path = "/compute")
    {
        await page.OpenLiveAsync(baseAddress, path);
        await Rows.First.WaitForAsync();
    }

    /// <summary>Reloads the page and waits until it is live again.</summary>
    public async Task ReloadAsync()
    {
        await page.ReloadAsync();
        await page.WaitUntilLiveAsync();
    }

    /// <summary>Chooses an action (e.g. Deallocate) in the action filter.</summary>
    public async Task FilterByActionAsync(string action)
    {
        await page.Locator("[data-testid=filter-action]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(action, new() { Exact = true }).ClickAsync();
    }

    /// <summary>The id of the recommendation in the first row.</summary>
    public async Task<string> FirstIdAsync() => (await Rows.First.GetAttributeAsync("data-rec-id"))!;

    public async Task AcceptAsync(string id) => await Accept(id).ClickAsync();

    public ILocator Rows => page.Locator("[data-testid=rec-row]");

    /// <summary>The table row of the recommendation.</summary>
    public ILocator Row(string id) => page.Locator("tr.rec-row", new() { Has = page.Locator($"[data-rec-id='{id}']") });

    public ILocator Accept(string id) => Row(id).Locator("[data-testid=rec-accept]");
    public ILocator Status(string id) => Row(id).Locator("[data-testid=rec-status]");
}
