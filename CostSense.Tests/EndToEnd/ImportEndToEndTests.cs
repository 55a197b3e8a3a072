using CostSense.Core.Access;
using CostSense.Core.Money;
using CostSense.Web.Components.Pages.Import;
using CostSense.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>
/// /import in Chromium: an Analyst uploads a generated FocusCost export and the dashboard then shows exactly its month;
/// a Viewer cannot reach the page.
/// </summary>
public sealed class ImportEndToEndTests(ImportFixture app) : IClassFixture<ImportFixture>
{
    [Fact]
    public async Task Analyst_UploadsAFocusExport_SeesItsSummary_AndTheDashboardMonthEqualsTheFile()
    {
        app.RequireBrowser();
        // The app's own clock decides which month the dashboard shows; the file covers last month and this one to today.
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var export = new GeneratedFocusExport("focus-e2e.csv", monthStart.AddMonths(-1), today, seed: 12);
        var page = await app.NewPageAsync(AppRoles.Analyst);
        var import = new ImportPage(page, app.BaseAddress);

        await import.OpenAsync();
        await import.UploadAsync(new FilePayload { Name = export.FileName, MimeType = "text/csv", Buffer = export.Content });
        await import.WaitUntilImportedAsync(export.FileName);
        await import.ScreenshotAsync(WebAppFixture.OutputPath("import.png"));

        Assert.Equal(export.Rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), await import.SummaryAsync(export.FileName, "summary-rows"));
        Assert.Equal(ExactMoney.Format(export.Billed, "USD"), await import.SummaryAsync(export.FileName, "summary-billed-USD"));
        Assert.Equal(ExactMoney.Format(export.Effective, "USD"), await import.SummaryAsync(export.FileName, "summary-effective-USD"));
        Assert.StartsWith("Azure FocusCost export", await import.SummaryAsync(export.FileName, "summary-format"));
        Assert.Equal($"{monthStart.AddMonths(-1):yyyy-MM-dd} to {today:yyyy-MM-dd}", await import.SummaryAsync(export.FileName, "summary-period"));
        var history = import.HistoryRows(export.FileName);
        await Assertions.Expect(history).Not.ToHaveCountAsync(0);
        Assert.Contains(WebAppFixture.EmailOf(AppRoles.Analyst), await history.First.Locator("[data-testid=history-who]").InnerTextAsync());

        var dashboard = new DashboardPage(page, app.BaseAddress);
        await dashboard.OpenAsync();
        var monthToDate = export.EffectiveBetween(monthStart, today);
        Assert.NotEqual(export.Effective, monthToDate);   // last month's rows are in the file and must stay out of the figure
        Assert.Equal(MoneyFormat.Format(monthToDate, "USD"), await dashboard.MonthToDateTextAsync());
    }

    [Fact]
    public async Task Analyst_UploadsALargeFileAndABadOne_TheLargeOneLandsWhole_TheBadOneIsRefusedWithItsLine()
    {
        app.RequireBrowser();
        var ct = TestContext.Current.CancellationToken;
        // About 2 MB: some seventy circuit messages of ~31 KB (the hub's 32 KB receive limit), all copied in order.
        // January 2024, another billing account: the dashboard test's month is not touched.
        var large = new GeneratedFocusExport("large-2024-01.csv", new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31), seed: 7, rowsPerDay: 130, account: "e2e-large");
        Assert.True(large.Content.Length > 2_000_000, $"{large.Content.Length} bytes");
        var badText = System.Text.Encoding.UTF8.GetString(new GeneratedFocusExport("bad.csv", new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 2), seed: 8, account: "e2e-bad").Content);
        var lines = badText.Split("\r\n");
        lines[3] = lines[3].Replace(",USD,", ",USD,extra,", StringComparison.Ordinal);   // one cell too many on line 4
        var page = await app.NewPageAsync(AppRoles.Analyst);
        var import = new ImportPage(page, app.BaseAddress);
        await import.OpenAsync();

        await import.UploadAsync(
            new FilePayload { Name = "bad.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n", lines)) },
            new FilePayload { Name = large.FileName, MimeType = "text/csv", Buffer = large.Content });

        await import.WaitUntilRefusedAsync("bad.csv");
        await import.WaitUntilImportedAsync(large.FileName);
        await import.ScreenshotAsync(WebAppFixture.OutputPath("import-refused.png"));
        var error = await import.ErrorAsync("bad.csv");
        Assert.Contains("bad.csv, line 4", error);
        Assert.Contains("Nothing from this file was imported", error);
        Assert.Equal(large.Rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), await import.SummaryAsync(large.FileName, "summary-rows"));
        Assert.Equal(ExactMoney.Format(large.Effective, "USD"), await import.SummaryAsync(large.FileName, "summary-effective-USD"));
        // What the store holds for the file's account: all of it, and nothing of the refused one.
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(ct);
        var stored = await db.CostRecords.Where(r => r.BillingAccountId.EndsWith("/e2e-large")).SumAsync(r => r.EffectiveCost, ct);
        Assert.Equal(large.Effective, stored);
        Assert.False(await db.CostRecords.AnyAsync(r => r.BillingAccountId.EndsWith("/e2e-bad"), ct));
        Assert.Equal(0, await import.HistoryRows("bad.csv").CountAsync());
    }

    [Fact]
    public async Task Viewer_OpeningImport_IsRefused_AndHasNoImportLink()
    {
        app.RequireBrowser();
        var page = await app.NewPageAsync(AppRoles.Viewer);
        var import = new ImportPage(page, app.BaseAddress);

        await page.OpenLiveAsync(app.BaseAddress);
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Import", Exact = true }).CountAsync());

        await page.GotoAsync(new Uri(app.BaseAddress, ImportPage.Path).ToString());
        await import.AccessDenied.WaitForAsync();
        Assert.Contains("/Account/AccessDenied", page.Url);
        Assert.Equal(0, await import.Uploader.CountAsync());
    }

    [Fact]
    public async Task Analyst_SeesTheImportLink()
    {
        app.RequireBrowser();
        var page = await app.NewPageAsync(AppRoles.Analyst);

        await page.OpenLiveAsync(app.BaseAddress);
        await page.GetByRole(AriaRole.Link, new() { Name = "Import", Exact = true }).ClickAsync();

        await new ImportPage(page, app.BaseAddress).Uploader.WaitForAsync();
        Assert.EndsWith(ImportPage.Path, page.Url);
    }
}
