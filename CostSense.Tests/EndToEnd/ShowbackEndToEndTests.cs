using System.Globalization;
using CostSense.Core.Costs;
using CostSense.Core.Showback;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.EndToEnd;

/// <summary>
/// On the demo tenant in Chromium: a user reads the dashboard's total for the month, opens /showback, picks a tag key
/// that not every resource carries, and sees each value, the untagged row, and a total equal to the dashboard's;
/// the CSV they download ends with the same total.
/// </summary>
public sealed class ShowbackEndToEndTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task PickingATagKey_ShowsTheTable_WhoseTotalIsTheDashboardsTotalForTheMonth()
    {
        app.RequireBrowser();
        var ct = TestContext.Current.CancellationToken;
        var page = await app.NewPageAsync();

        // The dashboard opens on the month to date of the latest data: the month showback opens on.
        var dashboard = new DashboardPage(page, app.BaseAddress);
        await dashboard.OpenAsync();
        await dashboard.WaitForChartAsync();
        var dashboardTotal = await dashboard.RangeTotalTextAsync();

        var showback = new ShowbackPage(page, app.BaseAddress);
        await showback.OpenAsync();
        await showback.PickTagKeyAsync("owner");
        await showback.ScreenshotAsync(WebAppFixture.OutputPath("showback.png"));

        Assert.Equal(dashboardTotal, await showback.TotalTextAsync());
        // Only VMs carry an owner in the demo tenant: the rest is untagged, and shown.
        await Microsoft.Playwright.Assertions.Expect(showback.UntaggedRow).ToBeVisibleAsync();
        var latest = (await app.Services.GetRequiredService<IDashboardService>().LatestDataDateAsync(ct))!.Value;
        var view = await app.Services.GetRequiredService<ShowbackService>().GetAsync(ShowbackQuery.Month("owner", latest), ct);
        Assert.True(view.Untagged.Total > 0);
        Assert.Equal(view.Values.Select(v => v.Value), await showback.ValueLabelsAsync());
        Assert.StartsWith(view.Coverage!.Value.ToString("0.0", CultureInfo.InvariantCulture) + "%", await showback.CoverageTextAsync());

        var (name, csv) = await showback.DownloadCsvAsync(WebAppFixture.OutputPath("showback.csv"));
        Assert.Equal($"costsense-showback-owner-{latest:yyyy-MM}.csv", name);
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal(ShowbackCsv.Header, lines[0]);
        Assert.StartsWith("(untagged),", lines[^2]);
        var total = decimal.Parse(lines[^1].Split(',')[3], CultureInfo.InvariantCulture);
        Assert.Equal(dashboardTotal, Core.Money.MoneyFormat.Format(total, view.Currency));
    }
}
