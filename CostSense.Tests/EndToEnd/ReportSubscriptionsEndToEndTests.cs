using CostSense.Core.Access;
using CostSense.Tests.Infrastructure;
using CostSense.Tests.Reports.Delivery;
using MimeKit;

namespace CostSense.Tests.EndToEnd;

/// <summary>The app with its report e-mails going to an SMTP server in the test process.</summary>
public sealed class ReportMailFixture : WebAppFixture
{
    private TestSmtpServer? _smtp;

    public TestSmtpServer Smtp => _smtp!;

    protected override TestAppOptions Options => base.Options with { Settings = _smtp!.Settings };

    public override async ValueTask InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_smtp is not null) await _smtp.DisposeAsync();
    }
}

/// <summary>
/// /reports in Chromium: an Analyst creates a report subscription, presses Send now, and the summary arrives at the SMTP
/// server with its PDF, the page reporting it sent and the delivery log showing it; a Viewer sees the list and the log
/// but no form and no Send now; without SMTP the page says which settings to set.
/// </summary>
public sealed class ReportSubscriptionsEndToEndTests(ReportMailFixture app) : IClassFixture<ReportMailFixture>
{
    [Fact]
    public async Task AnAnalyst_CreatesASubscription_SendsItNow_AndItArrivesWithThePdf_WhileAViewerOnlyReads()
    {
        app.RequireBrowser();
        var page = new ReportSubscriptionsPage(await app.NewPageAsync(AppRoles.Analyst), app.BaseAddress);
        await page.OpenAsync();
        Assert.Equal(0, await page.EmailOff.CountAsync());

        await page.CreateAsync("Monthly to the board", "board@example.com");
        await page.Notice.Filter(new() { HasText = "Saved \"Monthly to the board\"" }).WaitForAsync();
        await page.Row("Monthly to the board").WaitForAsync();

        await page.SendNowAsync("Monthly to the board");
        await page.Notice.Filter(new() { HasText = "Sent to 1 recipient(s)." }).WaitForAsync(new() { Timeout = 60_000 });
        var logRow = page.LogRows("board@example.com");
        await logRow.Filter(new() { HasText = "Sent" }).WaitForAsync();

        var mail = Assert.Single(app.Smtp.To("board@example.com"));
        var pdf = Assert.IsType<MimePart>(Assert.Single(mail.Attachments));
        Assert.Equal("application/pdf", pdf.ContentType.MimeType);
        Assert.StartsWith("CostSense summary: ", mail.Subject);
        Assert.Contains(WebAppFixture.EmailOf(AppRoles.Analyst) + " (sent now)", mail.TextBody);
        await page.Page.ScreenshotAsync(new() { Path = WebAppFixture.OutputPath("reports.png"), FullPage = true });

        var viewer = new ReportSubscriptionsPage(await app.NewPageAsync(AppRoles.Viewer), app.BaseAddress);
        await viewer.OpenAsync();
        await viewer.Row("Monthly to the board").WaitForAsync();
        await viewer.LogRows("board@example.com").First.WaitForAsync();
        Assert.Equal(0, await viewer.Form.CountAsync());
        Assert.Equal(0, await viewer.ByTestId("subscription-send-now").CountAsync());
    }
}

/// <summary>/reports without SMTP settings: the page says e-mail is off and which settings turn it on.</summary>
public sealed class ReportSubscriptionsEmailOffEndToEndTests(EmptyStoreFixture app) : IClassFixture<EmptyStoreFixture>
{
    [Fact]
    public async Task WithoutSmtp_ThePageSaysWhichSettingsToSet()
    {
        app.RequireBrowser();
        var page = new ReportSubscriptionsPage(await app.NewPageAsync(AppRoles.Admin), app.BaseAddress);
        await page.OpenAsync();
        var off = await page.EmailOff.InnerTextAsync();
        Assert.Contains("CostSense:Smtp:Host", off);
        Assert.Contains("CostSense:Smtp:From", off);
    }
}
