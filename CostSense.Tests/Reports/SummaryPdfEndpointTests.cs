using System.Net;
using CostSense.Core.Access;
using CostSense.Core.Costs;
using CostSense.Core.Reports;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Reports;

/// <summary>
/// /reports/summary.pdf in the whole app over the demo tenant: any signed-in user gets the file, Viewers included; an
/// anonymous caller gets none; each bad parameter gets a 400 in plain words, never a broken file.
/// </summary>
public sealed class SummaryPdfEndpointTests(SummaryPdfEndpointTests.App fixture) : IClassFixture<SummaryPdfEndpointTests.App>
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
    public async Task Viewer_DownloadsTheSummaryOfTheRange_WithTheFiguresTheServicesGive()
    {
        var dashboard = fixture.Instance.Get<IDashboardService>();
        var asOf = (await dashboard.LatestDataDateAsync(Ct))!.Value;
        var subscription = (await dashboard.GetAsync(new CostFilter(asOf, asOf), Ct)).Subscriptions[1];
        var from = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-1);
        var to = new DateOnly(asOf.Year, asOf.Month, 1).AddDays(-1);
        using var client = await fixture.Instance.SignedInAsync(AppRoles.Viewer);

        using var response = await client.GetAsync($"/reports/summary.pdf?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&subscription={subscription.Id}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains($"{from:yyyy-MM-dd}-to-{to:yyyy-MM-dd}", response.Content.Headers.ContentDisposition?.FileNameStar);
        var text = PdfText(await response.Content.ReadAsByteArrayAsync(Ct));
        var report = await fixture.Instance.Get<SummaryReportBuilder>().BuildAsync(new SummaryRequest(from, to, subscription.Id), "x", Ct);
        Assert.All(SummaryFigures.Kpis(report), k => Assert.Contains(k.Value, text));
        Assert.Contains(subscription.Name, text);
        Assert.Contains(TestApp.EmailOf(AppRoles.Viewer), text);
    }

    [Fact]
    public async Task NoDates_IsMonthToDateAtTheLatestDay()
    {
        using var client = await fixture.Instance.SignedInAsync(AppRoles.Viewer);
        var asOf = (await fixture.Instance.Get<IDashboardService>().LatestDataDateAsync(Ct))!.Value;

        using var response = await client.GetAsync("/reports/summary.pdf", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{new DateOnly(asOf.Year, asOf.Month, 1):yyyy-MM-dd}-to-{asOf:yyyy-MM-dd}", response.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task Anonymous_GetsNoFile()
    {
        using var client = fixture.Instance.Client();

        using var response = await client.GetAsync("/reports/summary.pdf", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.ToString());
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("from=2026-13-01&to=2026-11-20", "'from' must be a date as yyyy-MM-dd, not '2026-13-01'.")]
    [InlineData("from=2026-11-01&to=20.11.2026", "'to' must be a date as yyyy-MM-dd, not '20.11.2026'.")]
    [InlineData("from=2026-11-20&to=2026-11-01", "The range ends (2026-11-01) before it starts (2026-11-20).")]
    [InlineData("from=2026-11-01", "Give both 'from' and 'to' (yyyy-MM-dd), or neither for month to date.")]
    [InlineData("from=2024-01-01&to=2026-11-20", "A summary covers at most 366 days; 2024-01-01 to 2026-11-20 is 1055.")]
    [InlineData("from=2026-11-01&to=2026-11-20&subscription=not-a-subscription", "There is no subscription 'not-a-subscription' in the cost data.")]
    [InlineData("from=2026-11-01&to=2026-11-20&provider=Oracle", "There is no provider 'Oracle' in the cost data; it holds Microsoft.")]
    public async Task BadParameters_AreABadRequestInPlainWords(string query, string message)
    {
        using var client = await fixture.Instance.SignedInAsync(AppRoles.Viewer);

        using var response = await client.GetAsync("/reports/summary.pdf?" + query, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(message, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task RangeWithoutCost_IsAShortPdfThatSaysSo()
    {
        using var client = await fixture.Instance.SignedInAsync(AppRoles.Viewer);

        using var response = await client.GetAsync("/reports/summary.pdf?from=2019-01-01&to=2019-01-31", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(1, pdf.NumberOfPages);
    }

    private static string PdfText(byte[] bytes)
    {
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        return string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }
}
