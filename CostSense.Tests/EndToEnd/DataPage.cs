using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>Page object for /data's live Azure card: the connection, Sync now, each step's status and the last run.</summary>
public sealed class DataPage(IPage page, Uri baseAddress)
{
    public IPage Page => page;

    public async Task OpenAsync() => await page.OpenLiveAsync(baseAddress, "/data");

    public ILocator ByTestId(string testId) => page.Locator($"[data-testid={testId}]");

    public ILocator SignIn => ByTestId("azure-signin");
    public ILocator Scope => ByTestId("azure-scope");
    public ILocator SyncNow => ByTestId("azure-sync-now");
    public ILocator Running => ByTestId("azure-running");
    public ILocator LastStatus => ByTestId("azure-last-status");

    /// <summary>A step's row, in the running table or the last run's.</summary>
    public ILocator Step(string step) => ByTestId($"azure-step-{step}");
}
