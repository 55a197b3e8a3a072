using CostSense.Core.Data.Entities;
using CostSense.Core.Money;
using CostSense.Core.Recommendations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>An Analyst filters the compute grid, accepts a recommendation, reloads, and the savings figures follow.</summary>
public sealed class RecommendationsEndToEndTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Analyst_FiltersComputeGrid_AcceptsOne_ReloadsAndFindsItAccepted_AndTheSavingsFollow()
    {
        app.RequireBrowser();
        var ct = TestContext.Current.CancellationToken;
        var service = app.Services.GetRequiredService<IRecommendationService>();
        var page = await app.NewPageAsync();

        // The dashboard's potential savings before.
        var dashboard = new DashboardPage(page, app.BaseAddress);
        await page.OpenLiveAsync(app.BaseAddress);
        var before = await service.SummaryAsync(ct);
        await Assertions.Expect(dashboard.SavingsKpi).ToHaveTextAsync(MoneyFormat.Format(before.OpenMonthlySavings, before.Currency));

        // Filter the compute grid to deallocations.
        var grid = new RecommendationsGrid(page, app.BaseAddress);
        await grid.OpenAsync("/compute");
        await grid.FilterByActionAsync("Deallocate");
        var expected = await service.QueryAsync(new RecommendationQuery(RecommendationKind.Compute, Action: RecommendationAction.Deallocate), ct);
        Assert.True(expected.TotalCount > 0);
        await Assertions.Expect(grid.Rows).ToHaveCountAsync(Math.Min(expected.TotalCount, expected.Items.Count));
        await page.ScreenshotAsync(new() { Path = WebAppFixture.OutputPath("compute.png"), FullPage = true });

        // Accept the first (largest saving) and reload.
        var target = expected.Items[0];
        await grid.AcceptAsync(target.Id);
        await Assertions.Expect(grid.Status(target.Id)).ToHaveTextAsync("Accepted");
        await grid.ReloadAsync();
        await Assertions.Expect(grid.Status(target.Id)).ToHaveTextAsync("Accepted");
        Assert.Equal(RecommendationStatus.Accepted, (await service.GetAsync(target.Id, ct))!.Status);

        // The savings page counts it as accepted, and the dashboard's potential no longer includes it.
        var after = await service.SummaryAsync(ct);
        Assert.Equal(target.MonthlySavings, after.AcceptedMonthlySavings);
        Assert.True(after.OpenMonthlySavings < before.OpenMonthlySavings);
        await page.GotoAsync(new Uri(app.BaseAddress, "/savings").ToString());
        await Assertions.Expect(page.Locator("[data-testid=savings-accepted]")).ToContainTextAsync(MoneyFormat.Format(target.MonthlySavings, after.Currency));
        await page.ScreenshotAsync(new() { Path = WebAppFixture.OutputPath("savings.png"), FullPage = true });
        await page.GotoAsync(app.BaseAddress.ToString());
        await Assertions.Expect(dashboard.SavingsKpi).ToHaveTextAsync(MoneyFormat.Format(after.OpenMonthlySavings, after.Currency));
    }
}
