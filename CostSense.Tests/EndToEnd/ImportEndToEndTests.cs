using CostSense.Core.Access;
using CostSense.Core.Money;
using CostSense.Web.Components.Pages.Import;
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
