using CostSense.Core.Access;
using CostSense.Tests.Imports.Blobs;
using CostSense.Tests.Imports.Exports;
using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>
/// The export container's settings page in the browser, against Azurite: an Admin enters a connection string, saves,
/// presses Import now twice (the run imports once), and sees the run in the tables; the saved string is not shown back.
/// </summary>
public sealed class ExportContainerEndToEndTests(EmptyStoreFixture app) : IClassFixture<EmptyStoreFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ILocator Input(IPage page, string testId) => page.Locator($"[data-testid={testId}]").Locator("xpath=descendant-or-self::input");

    [Fact]
    public async Task Admin_SavesTheContainer_ImportsNowTwice_AndTheRunIsImportedOnce()
    {
        app.RequireBrowser();
        var runs = new ImportableRuns();
        runs.Run("e2e", "run-e2e", "2026-10-21T06:00:00Z", lastDay: 20, parts: 2);
        await using var azurite = await AzuriteContainer.CreateAsync(Ct);
        await azurite.UploadAsync(runs.Files, Ct);
        var page = await app.NewPageAsync(AppRoles.Admin);

        await page.OpenLiveAsync(app.BaseAddress, "/settings/exports");
        await page.Locator("[data-testid=exports-source]", new() { HasText = "CostSense:Imports:Container" }).WaitForAsync();
        await Input(page, "exports-connection-string").FillAsync(azurite.ConnectionString);
        await Input(page, "exports-container").FillAsync(azurite.Name);
        await Input(page, "exports-container").BlurAsync();
        await page.Locator("[data-testid=exports-save]").ClickAsync();
        await page.Locator("[data-testid=exports-notice]", new() { HasText = "Saved." }).WaitForAsync();
        await page.Locator("label", new() { HasText = "Connection string: set" }).WaitForAsync();
        Assert.Equal("", await Input(page, "exports-connection-string").InputValueAsync());

        await page.Locator("[data-testid=exports-test]").ClickAsync();
        await page.Locator("[data-testid=exports-notice]", new() { HasText = "Connected: 3 files" }).WaitForAsync();
        await page.Locator("[data-testid=exports-import-now]").ClickAsync();
        await page.Locator("[data-testid=exports-notice]", new() { HasText = "1 imported, 0 skipped, 0 refused" }).WaitForAsync();
        await page.Locator("[data-testid=exports-import-now]").ClickAsync();
        await page.Locator("[data-testid=exports-notice]", new() { HasText = "0 imported, 1 skipped, 0 refused" }).WaitForAsync();

        var recent = page.Locator("[data-testid=exports-recent] tbody tr", new() { HasText = "run-e2e" });
        Assert.Equal(1, await recent.CountAsync());
        Assert.Equal("Imported", (await recent.Locator("[data-testid=run-outcome]").InnerTextAsync()).Trim());
        await page.Locator("[data-testid=exports-last] tbody tr", new() { HasText = "run-e2e" }).WaitForAsync();
        await page.ScreenshotAsync(new() { Path = WebAppFixture.OutputPath("export-container.png"), FullPage = true });
    }
}
