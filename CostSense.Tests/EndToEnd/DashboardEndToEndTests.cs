using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Money;
using CostSense.Core.Recommendations;
using CostSense.Core.Reports;
using Microsoft.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.EndToEnd;

public sealed class DashboardEndToEndTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Dashboard_OverTheDemoTenant_ShowsTheMonthToDateTheStoreHolds()
    {
        app.RequireBrowser();
        var page = await app.NewPageAsync();
        var dashboard = new DashboardPage(page, app.BaseAddress);

        await dashboard.OpenAsync();
        await dashboard.WaitForChartAsync();
        var shown = await dashboard.MonthToDateTextAsync();
        await dashboard.ScreenshotAsync(WebAppFixture.OutputPath("dashboard.png"));

        // The figure computed from the raw cost rows, not from the rollups the page reads.
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var latest = await db.CostRecords.MaxAsync(r => r.ChargePeriodStart, TestContext.Current.CancellationToken);
        var monthStart = new DateOnly(latest.Year, latest.Month, 1);
        var mtd = await db.CostRecords.Where(r => r.ChargePeriodStart >= monthStart && r.ChargePeriodStart <= latest)
            .SumAsync(r => r.EffectiveCost, TestContext.Current.CancellationToken);
        Assert.True(mtd > 0);
        Assert.Equal(MoneyFormat.Format(mtd, "USD"), shown);

        var forecast = (await app.Services.GetRequiredService<IDashboardService>()
            .GetAsync(new CostFilter(monthStart, latest), TestContext.Current.CancellationToken)).Kpis.ForecastMonthEnd;
        Assert.Equal(MoneyFormat.Format(forecast, "USD"), await dashboard.ForecastTextAsync());
    }

    [Fact]
    public async Task Dashboard_FilteredToOneSubscription_ShowsThatSubscriptionsCostInEveryWidget()
    {
        app.RequireBrowser();
        var ct = TestContext.Current.CancellationToken;
        var page = await app.NewPageAsync();
        var dashboard = new DashboardPage(page, app.BaseAddress);
        await dashboard.OpenAsync();

        await dashboard.ChooseSubscriptionAsync("Contoso Dev/Test");

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(ct);
        var latest = await db.CostRecords.MaxAsync(r => r.ChargePeriodStart, ct);
        var monthStart = new DateOnly(latest.Year, latest.Month, 1);
        var devTest = db.CostRecords.Where(r => r.SubAccountName == "Contoso Dev/Test" && r.ChargePeriodStart >= monthStart && r.ChargePeriodStart <= latest);
        var mtd = await devTest.SumAsync(r => r.EffectiveCost, ct);
        Assert.Equal(MoneyFormat.Format(mtd, "USD"), await dashboard.MonthToDateTextAsync());
        // The breakdowns follow: only the dev/test resource groups are listed.
        var groups = await devTest.Select(r => r.ResourceGroup).Distinct().ToListAsync(ct);
        var shown = await page.Locator("[data-testid=breakdown-row]").AllInnerTextsAsync();
        Assert.All(groups, g => Assert.Contains(shown, row => row.Contains(g, StringComparison.Ordinal)));
        Assert.DoesNotContain(shown, row => row.Contains("rg-prod-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PdfSummaryButton_WithASubscriptionChosen_DownloadsItsSummary_WithTheScreensFigures()
    {
        app.RequireBrowser();
        var ct = TestContext.Current.CancellationToken;
        var page = await app.NewPageAsync();
        var dashboard = new DashboardPage(page, app.BaseAddress);
        await dashboard.OpenAsync();
        await dashboard.ChooseSubscriptionAsync("Contoso Production");
        await Assertions.Expect(dashboard.SavingsKpi).ToBeVisibleAsync();
        var screen = new[] { await dashboard.MonthToDateTextAsync(), await dashboard.RangeTotalTextAsync(), await dashboard.ForecastTextAsync(), (await dashboard.SavingsKpi.InnerTextAsync()).Trim() };

        var (name, bytes) = await dashboard.DownloadPdfSummaryAsync(WebAppFixture.OutputPath("dashboard-summary.pdf"));

        var services = app.Services;
        var latest = (await services.GetRequiredService<IDashboardService>().LatestDataDateAsync(ct))!.Value;
        var production = (await services.GetRequiredService<IDashboardService>().GetAsync(new CostFilter(latest, latest), ct))
            .Subscriptions.Single(s => s.Name == "Contoso Production");
        var request = new SummaryRequest(new DateOnly(latest.Year, latest.Month, 1), latest, production.Id);
        Assert.Equal(SummaryDocuments.FileName(await services.GetRequiredService<SummaryReportBuilder>().BuildAsync(request, "x", ct)), name);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        var text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.All(screen, figure => Assert.Contains(figure, text));
        Assert.Contains("Contoso Production", text);
    }

    [Fact]
    public async Task SavingsPage_ForOneSubscription_ShowsItsSavings_AndItsPdfSummaryCarriesThem()
    {
        app.RequireBrowser();
        var ct = TestContext.Current.CancellationToken;
        var services = app.Services;
        var latest = (await services.GetRequiredService<IDashboardService>().LatestDataDateAsync(ct))!.Value;
        var devTest = (await services.GetRequiredService<IDashboardService>().GetAsync(new CostFilter(latest, latest), ct))
            .Subscriptions.Single(s => s.Name == "Contoso Dev/Test");
        var expected = await services.GetRequiredService<IRecommendationService>().SummaryAsync(devTest.Id, ct);
        var whole = await services.GetRequiredService<IRecommendationService>().SummaryAsync(ct);
        Assert.NotEqual(whole.OpenMonthlySavings, expected.OpenMonthlySavings);
        var page = await app.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/savings").ToString());
        await page.WaitUntilLiveAsync();
        await Assertions.Expect(page.Locator("[data-testid=savings-open-monthly]")).ToHaveTextAsync(MoneyFormat.Format(whole.OpenMonthlySavings, whole.Currency));

        await page.Locator("[data-testid=savings-subscription]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("Contoso Dev/Test", new() { Exact = true }).ClickAsync();

        var monthly = MoneyFormat.Format(expected.OpenMonthlySavings, expected.Currency);
        await Assertions.Expect(page.Locator("[data-testid=savings-open-monthly]")).ToHaveTextAsync(monthly);
        Assert.EndsWith("/savings?subscription=" + Uri.EscapeDataString(devTest.Id), page.Url);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=pdf-summary]").ClickAsync());
        var path = WebAppFixture.OutputPath("savings-summary.pdf");
        await download.SaveAsAsync(path);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await File.ReadAllBytesAsync(path, ct));
        var text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains(monthly, text);
        Assert.Contains(MoneyFormat.Format(expected.OpenAnnualSavings, expected.Currency), text);
    }
}
