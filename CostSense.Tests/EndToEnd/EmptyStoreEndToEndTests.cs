using CostSense.Core.Costs;
using CostSense.Core.Money;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.EndToEnd;

public sealed class EmptyStoreEndToEndTests(EmptyStoreFixture app) : IClassFixture<EmptyStoreFixture>
{
    [Fact]
    public async Task Dashboard_OnAnEmptyStore_OffersTheDemoTenant_AndShowsItOnceGenerated()
    {
        app.RequireBrowser();
        var page = await app.NewPageAsync();
        var dashboard = new DashboardPage(page, app.BaseAddress);

        await dashboard.OpenEmptyAsync();
        await page.ScreenshotAsync(new() { Path = WebAppFixture.OutputPath("empty-state.png") });
        await dashboard.GenerateDemoTenantAsync();
        await dashboard.WaitForChartAsync();

        var service = app.Services.GetRequiredService<IDashboardService>();
        var latest = (await service.LatestDataDateAsync(TestContext.Current.CancellationToken))!.Value;
        var expected = await service.GetAsync(new CostFilter(new DateOnly(latest.Year, latest.Month, 1), latest), TestContext.Current.CancellationToken);
        Assert.True(expected.Kpis.MonthToDate > 0);
        Assert.Equal(MoneyFormat.Format(expected.Kpis.MonthToDate, expected.Currency), await dashboard.MonthToDateTextAsync());
    }
}
