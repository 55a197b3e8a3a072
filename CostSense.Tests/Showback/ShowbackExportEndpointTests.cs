using System.Globalization;
using System.Net;
using CostSense.Core.Access;
using CostSense.Core.Costs;
using CostSense.Core.Showback;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Showback;

/// <summary>
/// /showback/export.csv in the whole app over the demo tenant: a Viewer downloads a month's chargeback table whose
/// total line is the dashboard's total for that month and subscription; an anonymous caller gets none; bad parameters
/// get a 400 in plain words.
/// </summary>
public sealed class ShowbackExportEndpointTests(ShowbackExportEndpointTests.App fixture) : IClassFixture<ShowbackExportEndpointTests.App>
{
    public sealed class App : IAsyncLifetime
    {
        public TestApp Instance { get; private set; } = null!;

        public async ValueTask InitializeAsync() =>
            Instance = await TestApp.StartAsync(new TestAppOptions { DemoData = true, Users = [AppRoles.Viewer] });

        public async ValueTask DisposeAsync() => await Instance.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Viewer_DownloadsTheMonthsTable_WhoseTotalLineIsTheDashboardsTotal()
    {
        var dashboard = fixture.Instance.Get<IDashboardService>();
        var latest = (await dashboard.LatestDataDateAsync(Ct))!.Value;
        var month = new DateOnly(latest.Year, latest.Month, 1).AddMonths(-1);
        var subscription = (await dashboard.GetAsync(new CostFilter(month, latest), Ct)).Subscriptions[0];
        var expected = await dashboard.GetAsync(new CostFilter(month, month.AddMonths(1).AddDays(-1), subscription.Id), Ct);
        using var client = await fixture.Instance.SignedInAsync(AppRoles.Viewer);

        using var response = await client.GetAsync($"/showback/export.csv?key=Environment&month={month:yyyy-MM}&subscription={Uri.EscapeDataString(subscription.Id)}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"costsense-showback-environment-{month:yyyy-MM}.csv", response.Content.Headers.ContentDisposition?.FileNameStar);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).TrimEnd('\r', '\n').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(ShowbackCsv.Header, lines[0]);
        Assert.StartsWith("(untagged),", lines[^2]);
        var rows = lines.Skip(1).SkipLast(1).Select(l => decimal.Parse(l.Split(',')[3], CultureInfo.InvariantCulture)).ToList();
        var total = decimal.Parse(lines[^1].Split(',')[3], CultureInfo.InvariantCulture);
        Assert.StartsWith("Total,", lines[^1]);
        Assert.Equal(LargestRemainder.Cents(expected.RangeTotal), total);
        Assert.Equal(total, rows.Sum());
        Assert.True(rows.Count >= 2, "at least one environment and the untagged row");
        Assert.DoesNotContain("(untagged)", lines[1]);
    }

    [Fact]
    public async Task Anonymous_GetsNoFile()
    {
        using var client = fixture.Instance.Client();

        using var response = await client.GetAsync("/showback/export.csv?key=environment&month=2026-11", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("month=2026-11", "key: give the tag key")]
    [InlineData("key=environment", "month: give the month as yyyy-MM")]
    [InlineData("key=environment&month=2026-13", "month: give the month as yyyy-MM")]
    public async Task BadParameters_AreABadRequestInPlainWords(string query, string message)
    {
        using var client = await fixture.Instance.SignedInAsync(AppRoles.Viewer);

        using var response = await client.GetAsync("/showback/export.csv?" + query, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(message, await response.Content.ReadAsStringAsync(Ct));
    }
}
