using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>Page object for /import: intent-named steps over its test ids.</summary>
public sealed class ImportPage(IPage page, Uri baseAddress)
{
    /// <summary>How long one file may take to upload and import on a busy machine (CI shares its cores).</summary>
    private static readonly TimeSpan ImportTimeout = TimeSpan.FromSeconds(120);

    public const string Path = "/import";

    /// <summary>Opens the page and waits until the uploader takes files (it is disabled until the circuit is live).</summary>
    public async Task OpenAsync()
    {
        await page.OpenLiveAsync(baseAddress, Path);
        await page.Locator("[data-testid=import-input]:not([disabled])").WaitForAsync();
    }

    /// <summary>Chooses the files in the uploader, as a user picking them in the file dialog.</summary>
    public async Task UploadAsync(params FilePayload[] files) =>
        await page.Locator("[data-testid=import-input]").SetInputFilesAsync(files);

    /// <summary>The card of one uploaded file: its progress, then its summary or its refusal.</summary>
    public ILocator Result(string fileName) => page.Locator($"[data-testid=import-result][data-file=\"{fileName}\"]");

    public async Task WaitUntilImportedAsync(string fileName) =>
        await Assertions.Expect(Result(fileName)).ToHaveAttributeAsync("data-stage", "Imported",
            new() { Timeout = (float)ImportTimeout.TotalMilliseconds });

    public async Task WaitUntilRefusedAsync(string fileName) =>
        await Assertions.Expect(Result(fileName)).ToHaveAttributeAsync("data-stage", "Refused",
            new() { Timeout = (float)ImportTimeout.TotalMilliseconds });

    /// <summary>A field of a file's summary by its test id (summary-rows, summary-billed-USD, summary-effective-USD …).</summary>
    public async Task<string> SummaryAsync(string fileName, string testId) =>
        (await Result(fileName).Locator($"[data-testid={testId}]").InnerTextAsync()).Trim();

    public async Task<string> ErrorAsync(string fileName) =>
        (await Result(fileName).Locator("[data-testid=import-error]").InnerTextAsync()).Trim();

    /// <summary>The history rows of imports of this file.</summary>
    public ILocator HistoryRows(string fileName) =>
        page.Locator("[data-testid=import-history] tbody tr", new() { Has = page.Locator("[data-testid=history-file]", new() { HasText = fileName }) });

    public ILocator AccessDenied => page.Locator("[data-testid=access-denied]");

    public ILocator Uploader => page.Locator("[data-testid=import-uploader]");

    public async Task ScreenshotAsync(string path) => await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
}
