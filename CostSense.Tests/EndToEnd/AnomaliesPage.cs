using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>Page object for /anomalies: the grid's rows by anomaly id, the detail of the one opened, and its triage.</summary>
public sealed class AnomaliesPage(IPage page, Uri baseAddress)
{
    public IPage Page => page;

    /// <summary>Opens the page (or one anomaly with ?id=) and waits until it is live and shows its grid.</summary>
    public async Task OpenAsync(long? id = null)
    {
        await page.OpenLiveAsync(baseAddress, id is { } one ? $"/anomalies?id={one}" : "/anomalies");
        await ByTestId("anomaly-grid").WaitForAsync();
    }

    /// <summary>Reloads the page and waits until it is live again.</summary>
    public async Task ReloadAsync()
    {
        await page.ReloadAsync();
        await page.WaitUntilLiveAsync();
    }

    public ILocator ByTestId(string testId) => page.Locator($"[data-testid={testId}]");

    public ILocator Rows => ByTestId("anomaly-row");

    /// <summary>The table row of the anomaly.</summary>
    public ILocator Row(long id) => page.Locator("tr", new() { Has = page.Locator($"[data-testid=anomaly-row][data-anomaly-id='{id}']") });

    public ILocator RowStatus(long id) => Row(id).Locator("[data-testid=anomaly-status]");

    public async Task OpenAnomalyAsync(long id) => await Row(id).Locator("[data-testid=anomaly-open]").ClickAsync();

    /// <summary>The detail card of the anomaly opened.</summary>
    public ILocator Detail(long id) => page.Locator($"[data-testid=anomaly-detail][data-anomaly-id='{id}']");

    public ILocator DetailStatus => ByTestId("anomaly-detail-status");
    public ILocator DetailTriaged => ByTestId("anomaly-detail-triaged");
    public ILocator Summary => ByTestId("anomaly-summary");
    public ILocator Chart => page.Locator("[data-testid=anomaly-chart] svg").First;
    public ILocator TriageButtons => page.Locator("[data-testid^=triage-]");

    public async Task AcknowledgeAsync() => await ByTestId("triage-acknowledge").ClickAsync();
}
