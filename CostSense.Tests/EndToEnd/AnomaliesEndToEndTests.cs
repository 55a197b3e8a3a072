using CostSense.Core.Access;
using CostSense.Core.Anomalies;
using CostSense.Core.Data.Entities;
using CostSense.Core.Money;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>
/// /anomalies in Chromium on the demo tenant: an Analyst opens the largest new anomaly, sees its summary, figures and
/// chart, acknowledges it, and it stays acknowledged after a reload (in the store too, with who did it); a Viewer
/// opening the same anomaly sees no triage buttons.
/// </summary>
public sealed class AnomaliesEndToEndTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Analyst_OpensTheLargestNewAnomaly_AcknowledgesIt_AndItStaysAcknowledged_WhileAViewerSeesNoTriage()
    {
        app.RequireBrowser();
        var ct = TestContext.Current.CancellationToken;
        // Detection runs after the demo tenant is generated; one more run here is a no-op on what is found, and means
        // the test does not race the background check.
        await app.Services.GetRequiredService<IAnomalyDetection>().DetectAsync(ct);
        var service = app.Services.GetRequiredService<IAnomalyService>();
        var found = await service.ListAsync(new AnomalyQuery(AnomalyStatus.New), ct);
        Assert.NotEmpty(found);
        var target = found.OrderByDescending(a => a.Excess).First();

        var page = new AnomaliesPage(await app.NewPageAsync(AppRoles.Analyst), app.BaseAddress);
        await page.OpenAsync();
        await Assertions.Expect(page.RowStatus(target.Id)).ToHaveTextAsync("New");
        await page.OpenAnomalyAsync(target.Id);

        await page.Detail(target.Id).WaitForAsync();
        Assert.EndsWith($"/anomalies?id={target.Id}", page.Page.Url);
        await Assertions.Expect(page.Summary).ToHaveTextAsync(target.Summary);
        await Assertions.Expect(page.ByTestId("anomaly-detail-excess")).ToHaveTextAsync("+" + MoneyFormat.Format(target.Excess, target.Currency));
        await page.Chart.WaitForAsync();
        Assert.True(await page.ByTestId("anomaly-marked-day").CountAsync() >= 1);
        await Assertions.Expect(page.DetailStatus).ToHaveTextAsync("New");

        await page.AcknowledgeAsync();
        await Assertions.Expect(page.DetailStatus).ToHaveTextAsync("Acknowledged");
        await Assertions.Expect(page.RowStatus(target.Id)).ToHaveTextAsync("Acknowledged");
        await Assertions.Expect(page.DetailTriaged).ToContainTextAsync("Acknowledged by " + WebAppFixture.EmailOf(AppRoles.Analyst));
        await page.Page.ScreenshotAsync(new() { Path = WebAppFixture.OutputPath("anomalies.png"), FullPage = true });

        await page.ReloadAsync();
        await page.Detail(target.Id).WaitForAsync();
        await Assertions.Expect(page.DetailStatus).ToHaveTextAsync("Acknowledged");
        await Assertions.Expect(page.RowStatus(target.Id)).ToHaveTextAsync("Acknowledged");
        var saved = (await service.GetAsync(target.Id, ct))!.Anomaly;
        Assert.Equal(AnomalyStatus.Acknowledged, saved.Status);
        Assert.Equal(WebAppFixture.EmailOf(AppRoles.Analyst), saved.TriagedBy);

        var viewer = new AnomaliesPage(await app.NewPageAsync(AppRoles.Viewer), app.BaseAddress);
        await viewer.OpenAsync(target.Id);
        await viewer.Detail(target.Id).WaitForAsync();
        await Assertions.Expect(viewer.DetailStatus).ToHaveTextAsync("Acknowledged");
        Assert.Equal(0, await viewer.TriageButtons.CountAsync());
        Assert.Equal(0, await viewer.ByTestId("anomaly-triage").CountAsync());
    }
}
