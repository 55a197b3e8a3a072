using System.Net;
using System.Text.RegularExpressions;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Reports;
using CostSense.Core.Reports.Delivery;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CostSense.Tests.Reports.Delivery;

/// <summary>
/// Report subscriptions over a real store (SQLite and PostgreSQL) and a real SMTP server in the process, through MailKit:
/// the scheduled e-mail carries the PDF and the same headline KPIs the services give for the same request; a refused
/// delivery is logged, retried after its back-off and then sent once; two instances racing over one store send one
/// message per recipient; a Viewer cannot subscribe; without SMTP "Send now" says what to set.
/// </summary>
public abstract class ReportDeliveryTests
{
    // Monday 30 Nov 2026, an hour before the weekly send (06:00 UTC by default).
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 5, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WeeklyDue = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AScheduledReport_ArrivesOnce_WithThePdfAttached_AndTheServicesKpisInItsBodyAndPdf()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var host = await CoreHost.StartAsync(Kind, Now, smtp.Settings, demoTenant: true);
        var analyst = await host.AddPersonAsync("ann@costsense.test", AppRoles.Analyst);
        var subscriptions = host.Get<ReportSubscriptions>();
        var sender = host.Get<ReportDeliverySender>();
        var created = await subscriptions.CreateAsync(analyst, new ReportSubscriptionDraft("Weekly to finance", "cfo@example.com\nfd@example.com",
            ReportFrequency.Weekly, null, ReportRange.LastWeek), Ct);
        Assert.Equal(WeeklyDue, created.NextDueAt);

        Assert.Empty(await sender.RunOnceAsync(Ct));   // not due yet
        host.Time.Advance(TimeSpan.FromHours(1));
        var results = await sender.RunOnceAsync(Ct);
        Assert.Equal(["cfo@example.com", "fd@example.com"], results.Select(r => r.Recipient).Order());
        Assert.All(results, r => Assert.Equal(ReportDeliveryStatus.Sent, r.Status));
        Assert.Empty(await sender.RunOnceAsync(Ct));   // nothing twice
        Assert.Equal(2, smtp.Received.Count);

        // What the services give for the same request: the week before the Monday it was sent.
        var expected = await host.Get<SummaryReportBuilder>().BuildAsync(new SummaryRequest(new(2026, 11, 23), new(2026, 11, 29)), "test", Ct);
        Assert.True(expected.HasData);
        var kpis = SummaryFigures.Kpis(expected);
        var mail = Assert.Single(smtp.To("cfo@example.com"));
        Assert.Equal($"CostSense summary: {expected.Scope.Subscriptions}, {SummaryFigures.Period(expected.Request.From, expected.Request.To)}", mail.Subject);
        Assert.Equal("reports@costsense.test", mail.From.Mailboxes.Single().Address);
        Assert.StartsWith("costsense-report-", mail.MessageId);
        Assert.NotEqual(mail.MessageId, smtp.To("fd@example.com").Single().MessageId);

        var attachment = Assert.IsType<MimePart>(Assert.Single(mail.Attachments));
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        Assert.Equal(SummaryDocuments.FileName(expected), attachment.FileName);
        var pdfText = Squeeze(PdfText(attachment));
        var text = Squeeze(mail.TextBody);
        var html = Squeeze(WebUtility.HtmlDecode(mail.HtmlBody));
        Assert.Contains("attached", mail.TextBody);
        foreach (var k in kpis)
        {
            Assert.Contains(Squeeze(k.Value), pdfText);
            Assert.Contains(Squeeze($"{k.Label}: {k.Value} ({k.Note})"), text);
            Assert.Contains(Squeeze(k.Value), html);
        }
        // The PDF names its author as the subscription's creator, scheduled.
        Assert.Contains(Squeeze("ann@costsense.test (scheduled)"), text);

        await using var db = await host.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var stored = await db.ReportSubscriptions.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(WeeklyDue.AddDays(7), stored.NextDueAt);
    }

    [Fact]
    public async Task SeveralMissedOccurrences_SendOnlyTheLatest()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var host = await CoreHost.StartAsync(Kind, Now, smtp.Settings);
        var analyst = await host.AddPersonAsync("ann@costsense.test", AppRoles.Analyst);
        await host.Get<ReportSubscriptions>().CreateAsync(analyst,
            new ReportSubscriptionDraft("Weekly", "cfo@example.com", ReportFrequency.Weekly, null, ReportRange.LastWeek), Ct);

        host.Time.Advance(TimeSpan.FromDays(17));   // down three Mondays: 30 Nov, 7 and 14 Dec; now Thursday 17 Dec
        var results = await host.Get<ReportDeliverySender>().RunOnceAsync(Ct);

        Assert.Equal(ReportDeliveryStatus.Sent, Assert.Single(results).Status);
        var log = await host.Get<ReportSubscriptions>().DeliveryLogAsync(analyst, 50, Ct);
        var delivery = Assert.Single(log);
        Assert.Equal(new DateTimeOffset(2026, 12, 14, 6, 0, 0, TimeSpan.Zero), delivery.DueAt);
        Assert.Equal((new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 13)), (delivery.From, delivery.To));
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task ARefusedDelivery_IsLoggedAsFailed_RetriedAfterTheBackOff_ThenSentOnce()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.Refuse["fd@example.com"] = true;
        await using var host = await CoreHost.StartAsync(Kind, Now, smtp.Settings);
        var analyst = await host.AddPersonAsync("ann@costsense.test", AppRoles.Analyst);
        var subscriptions = host.Get<ReportSubscriptions>();
        var sender = host.Get<ReportDeliverySender>();
        await subscriptions.CreateAsync(analyst, new ReportSubscriptionDraft("Weekly", "cfo@example.com, fd@example.com",
            ReportFrequency.Weekly, null, ReportRange.LastWeek), Ct);
        host.Time.Advance(TimeSpan.FromHours(1));

        var first = await sender.RunOnceAsync(Ct);
        var failed = first.Single(r => r.Recipient == "fd@example.com");
        Assert.Equal(ReportDeliveryStatus.Sent, first.Single(r => r.Recipient == "cfo@example.com").Status);
        Assert.Equal(ReportDeliveryStatus.Failed, failed.Status);
        Assert.StartsWith("550", failed.Error);
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromMinutes(1), failed.NextAttemptAt);
        var logged = (await subscriptions.DeliveryLogAsync(analyst, 10, Ct)).Single(d => d.Recipient == "fd@example.com");
        Assert.Equal((ReportDeliveryStatus.Failed, 1, failed.Error), (logged.Status, logged.Attempts, logged.Error));
        Assert.Single(smtp.Refused);

        // Before the back-off has passed nothing is tried; after it, the server still refuses: the next wait is 5 minutes.
        host.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(await sender.RunOnceAsync(Ct));
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var second = Assert.Single(await sender.RunOnceAsync(Ct));
        Assert.Equal((ReportDeliveryStatus.Failed, 2, host.Time.GetUtcNow() + TimeSpan.FromMinutes(5)), (second.Status, second.Attempts, second.NextAttemptAt));

        // The mailbox accepts again: sent on the next try, and never again.
        smtp.Refuse.Clear();
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var third = Assert.Single(await sender.RunOnceAsync(Ct));
        Assert.Equal((ReportDeliveryStatus.Sent, 3), (third.Status, third.Attempts));
        host.Time.Advance(TimeSpan.FromHours(5));
        Assert.Empty(await sender.RunOnceAsync(Ct));
        Assert.Single(smtp.To("cfo@example.com"));
        Assert.Single(smtp.To("fd@example.com"));
        var sent = (await subscriptions.DeliveryLogAsync(analyst, 10, Ct)).Single(d => d.Recipient == "fd@example.com");
        Assert.Equal((ReportDeliveryStatus.Sent, 3, null), (sent.Status, sent.Attempts, sent.Error));
    }

    [Fact]
    public async Task AServerThatIsAway_FailsTheDelivery_AndAfterMaxAttemptsItIsGivenUp()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var settings = smtp.Settings;
        settings["CostSense:Reports:MaxAttempts"] = "2";
        await smtp.DisposeAsync();   // stopped: connections are refused
        await using var host = await CoreHost.StartAsync(Kind, Now, settings);
        var analyst = await host.AddPersonAsync("ann@costsense.test", AppRoles.Analyst);
        await host.Get<ReportSubscriptions>().CreateAsync(analyst,
            new ReportSubscriptionDraft("Weekly", "cfo@example.com", ReportFrequency.Weekly, null, ReportRange.LastWeek), Ct);
        var sender = host.Get<ReportDeliverySender>();
        host.Time.Advance(TimeSpan.FromHours(1));

        var first = Assert.Single(await sender.RunOnceAsync(Ct));
        Assert.Equal(ReportDeliveryStatus.Failed, first.Status);
        Assert.False(string.IsNullOrWhiteSpace(first.Error));
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var second = Assert.Single(await sender.RunOnceAsync(Ct));
        Assert.Equal((ReportDeliveryStatus.GaveUp, 2, null), (second.Status, second.Attempts, second.NextAttemptAt));
        host.Time.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await sender.RunOnceAsync(Ct));
    }

    [Fact]
    public async Task TwoInstancesOverOneStore_RacingForTheSameOccurrence_SendOneMessagePerRecipient()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var store = TempStore.Create(Kind);
        var settings = new Dictionary<string, string?>(store.Settings);
        foreach (var (k, v) in smtp.Settings) settings[k] = v;
        await using var one = await CoreHost.StartAsync(Kind, Now, settings, demoTenant: true);
        await using var two = await CoreHost.StartAsync(Kind, Now, settings);
        var analyst = await one.AddPersonAsync("ann@costsense.test", AppRoles.Analyst);
        var recipients = Enumerable.Range(1, 5).Select(i => $"person{i}@example.com").ToList();
        await one.Get<ReportSubscriptions>().CreateAsync(analyst,
            new ReportSubscriptionDraft("Weekly", string.Join('\n', recipients), ReportFrequency.Weekly, null, ReportRange.LastWeek), Ct);
        Assert.Single(await two.Get<ReportSubscriptions>().ListAsync(analyst, Ct));   // the same store

        // Recommendations are computed lazily, once per store, behind a lock of one process: two instances computing them
        // at the same moment on a fresh store collide (see the report). Each reads the summary once before the race.
        foreach (var host in new[] { one, two })
            await host.Get<SummaryReportBuilder>().BuildAsync(new SummaryRequest(new(2026, 11, 23), new(2026, 11, 29)), "warm-up", Ct);

        one.Time.Advance(TimeSpan.FromHours(1));
        two.Time.Advance(TimeSpan.FromHours(1));
        var results = new List<DeliveryResult>();
        for (var round = 0; round < 3; round++)
        {
            var both = await Task.WhenAll(
                Task.Run(() => one.Get<ReportDeliverySender>().RunOnceAsync(Ct), Ct),
                Task.Run(() => two.Get<ReportDeliverySender>().RunOnceAsync(Ct), Ct));
            results.AddRange(both.SelectMany(r => r));
        }

        Assert.Equal(recipients, results.Select(r => r.Recipient).Order());
        Assert.All(results, r => Assert.Equal(ReportDeliveryStatus.Sent, r.Status));
        Assert.Equal(recipients, smtp.Received.SelectMany(m => m.To.Mailboxes).Select(b => b.Address).Order());
        var log = await two.Get<ReportSubscriptions>().DeliveryLogAsync(analyst, 50, Ct);
        Assert.Equal(5, log.Count);
        Assert.All(log, d => Assert.Equal((ReportDeliveryStatus.Sent, 1, WeeklyDue), (d.Status, d.Attempts, d.DueAt)));
    }

    [Fact]
    public async Task AViewer_MayNotCreateOrSend_AndIsShownTheSubscriptions()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var host = await CoreHost.StartAsync(Kind, Now, smtp.Settings);
        var viewer = await host.AddPersonAsync("vera@costsense.test", AppRoles.Viewer);
        var analyst = await host.AddPersonAsync("ann@costsense.test", AppRoles.Analyst);
        var subscriptions = host.Get<ReportSubscriptions>();
        var draft = new ReportSubscriptionDraft("Monthly", "cfo@example.com", ReportFrequency.Monthly, null, ReportRange.LastMonth);

        await Assert.ThrowsAsync<AccessDeniedException>(() => subscriptions.CreateAsync(viewer, draft, Ct));
        var created = await subscriptions.CreateAsync(analyst, draft, Ct);
        await Assert.ThrowsAsync<AccessDeniedException>(() => subscriptions.SendNowAsync(viewer, created.Id, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => subscriptions.DeleteAsync(viewer, created.Id, Ct));
        Assert.Equal(created.Id, Assert.Single(await subscriptions.ListAsync(viewer, Ct)).Id);
        Assert.Empty(smtp.Received);
        // Where mail goes maps the deployment: shown to those who configure it only.
        Assert.DoesNotContain("127.0.0.1", subscriptions.SmtpSummary(viewer));
        Assert.DoesNotContain("127.0.0.1", subscriptions.SmtpSummary(analyst));
        Assert.Contains("127.0.0.1", subscriptions.SmtpSummary(Actor.System));

        // An Analyst demoted to Viewer in the store is refused on the next change, whatever the circuit still holds.
        await host.SetRoleInStoreAsync(analyst, AppRoles.Viewer);
        await Assert.ThrowsAsync<AccessDeniedException>(() => subscriptions.UpdateAsync(analyst, created.Id, draft with { Name = "x" }, Ct));
    }

    [Fact]
    public async Task InvalidRecipients_AreRefusedWithTheirAddress_AndChangesAreAudited()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        var analyst = await host.AddPersonAsync("ann@costsense.test", AppRoles.Analyst);
        var subscriptions = host.Get<ReportSubscriptions>();
        var bad = await Assert.ThrowsAsync<ReportDeliveryException>(() => subscriptions.CreateAsync(analyst,
            new ReportSubscriptionDraft("x", "cfo@example.com\nnot-an-address", ReportFrequency.Weekly, null, ReportRange.LastWeek), Ct));
        Assert.Contains("not-an-address", bad.Message);
        await Assert.ThrowsAsync<ReportDeliveryException>(() => subscriptions.CreateAsync(analyst,
            new ReportSubscriptionDraft("x", "", ReportFrequency.Weekly, null, ReportRange.LastWeek), Ct));
        var many = string.Join('\n', Enumerable.Range(1, 21).Select(i => $"p{i}@example.com"));
        await Assert.ThrowsAsync<ReportDeliveryException>(() => subscriptions.CreateAsync(analyst,
            new ReportSubscriptionDraft("x", many, ReportFrequency.Weekly, null, ReportRange.LastWeek), Ct));

        var s = await subscriptions.CreateAsync(analyst, new ReportSubscriptionDraft("Finance", "cfo@example.com", ReportFrequency.Weekly, null, ReportRange.LastWeek), Ct);
        await subscriptions.UpdateAsync(analyst, s.Id, new ReportSubscriptionDraft("Finance", "cfo@example.com", ReportFrequency.Monthly, null, ReportRange.LastMonth), Ct);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero), Assert.Single(await subscriptions.ListAsync(analyst, Ct)).NextDueAt);
        await subscriptions.DeleteAsync(analyst, s.Id, Ct);
        var trail = await host.Get<CostSense.Core.Audit.AuditTrail>().ListAsync(Actor.System, new CostSense.Core.Audit.AuditQuery("report."), Ct);
        Assert.Equal(["report.subscription-create", "report.subscription-edit", "report.subscription-delete"], trail.Select(e => e.Action).Reverse());
        Assert.All(trail, e => Assert.Equal("ann@costsense.test", e.ActorName));
    }

    [Fact]
    public async Task WithoutSmtp_SendNowExplainsWhichSettingsToSet_AndTheScheduleSendsNothing()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        var analyst = await host.AddPersonAsync("ann@costsense.test", AppRoles.Analyst);
        var subscriptions = host.Get<ReportSubscriptions>();
        var s = await subscriptions.CreateAsync(analyst, new ReportSubscriptionDraft("Weekly", "cfo@example.com", ReportFrequency.Weekly, null, ReportRange.LastWeek), Ct);

        var refused = await Assert.ThrowsAsync<ReportDeliveryException>(() => subscriptions.SendNowAsync(analyst, s.Id, Ct));
        Assert.Contains("E-mail is off", refused.Message);
        Assert.Contains("CostSense:Smtp:Host", refused.Message);
        Assert.Contains("CostSense:Smtp:From", refused.Message);
        Assert.Equal(refused.Message, $"Cannot send now. {subscriptions.EmailOffReason}");

        host.Time.Advance(TimeSpan.FromDays(8));
        Assert.Empty(await host.Get<ReportDeliverySender>().RunOnceAsync(Ct));
        Assert.Empty(await subscriptions.DeliveryLogAsync(analyst, 10, Ct));
    }

    [Fact]
    public async Task SendNow_SendsTheSubscriptionAtOnce_AndReturnsEachResult()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var host = await CoreHost.StartAsync(Kind, Now, smtp.Settings, demoTenant: true);
        var analyst = await host.AddPersonAsync("ann@costsense.test", AppRoles.Analyst);
        var subscriptions = host.Get<ReportSubscriptions>();
        var s = await subscriptions.CreateAsync(analyst, new ReportSubscriptionDraft("Month to date", "cfo@example.com\nfd@example.com",
            ReportFrequency.Monthly, null, ReportRange.MonthToDate, Enabled: false), Ct);
        smtp.Refuse["fd@example.com"] = true;

        var results = await subscriptions.SendNowAsync(analyst, s.Id, Ct);

        Assert.Equal(ReportDeliveryStatus.Sent, results.Single(r => r.Recipient == "cfo@example.com").Status);
        Assert.StartsWith("550", results.Single(r => r.Recipient == "fd@example.com").Error);
        var mail = Assert.Single(smtp.Received);
        var expected = await host.Get<SummaryReportBuilder>().BuildAsync(new SummaryRequest(new(2026, 11, 1), new(2026, 11, 29)), "test", Ct);
        Assert.Equal(SummaryMail.Subject(expected), mail.Subject);
        Assert.Contains(Squeeze("ann@costsense.test (sent now)"), Squeeze(mail.TextBody));
        var log = await subscriptions.DeliveryLogAsync(analyst, 10, Ct);
        Assert.All(log, d => Assert.True(d.Manual));
        var trail = await host.Get<CostSense.Core.Audit.AuditTrail>().ListAsync(Actor.System, new CostSense.Core.Audit.AuditQuery("report.send-now"), Ct);
        Assert.Single(trail);
    }

    [Fact]
    public async Task TheWorker_SendsWhenTheClockReachesTheDueTime_AndRetriesARefusalAfterItsBackOff()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.Refuse["fd@example.com"] = true;
        await using var host = await CoreHost.StartAsync(Kind, Now, smtp.Settings,
            services: s => s.AddHostedService(sp => sp.GetRequiredService<ReportDeliveryWorker>()));
        var analyst = await host.AddPersonAsync("ann@costsense.test", AppRoles.Analyst);
        var subscriptions = host.Get<ReportSubscriptions>();
        await subscriptions.CreateAsync(analyst, new ReportSubscriptionDraft("Weekly", "cfo@example.com\nfd@example.com",
            ReportFrequency.Weekly, null, ReportRange.LastWeek), Ct);

        // Ticks (every PollSeconds = 60 on the fake clock) before the due time send nothing.
        for (var i = 0; i < 3; i++) await TickAsync(host);
        Assert.Empty(smtp.Received);

        host.Time.SetUtcNow(WeeklyDue.AddSeconds(-30));
        await WaitForAsync(host, () => smtp.Received.Count == 1 && smtp.Refused.Count == 1);
        var failed = await WaitForLogAsync(host, subscriptions, analyst, d => d.Recipient == "fd@example.com" && d.Status == ReportDeliveryStatus.Failed);
        Assert.StartsWith("550", failed.Error);

        smtp.Refuse.Clear();
        await WaitForAsync(host, () => smtp.To("fd@example.com").Count == 1);
        var sent = await WaitForLogAsync(host, subscriptions, analyst, d => d.Recipient == "fd@example.com" && d.Status == ReportDeliveryStatus.Sent);
        Assert.Equal(2, sent.Attempts);
        for (var i = 0; i < 3; i++) await TickAsync(host);
        Assert.Single(smtp.To("cfo@example.com"));
        Assert.Single(smtp.To("fd@example.com"));
    }

    // One poll interval and a second on the fake clock, then a moment of real time for the worker's pass to run.
    private static async Task TickAsync(CoreHost host)
    {
        host.Time.Advance(TimeSpan.FromSeconds(61));
        await Task.Delay(150, Ct);
    }

    private static async Task WaitForAsync(CoreHost host, Func<bool> done)
    {
        for (var i = 0; i < 200 && !done(); i++) await TickAsync(host);
        Assert.True(done());
    }

    private static async Task<ReportDelivery> WaitForLogAsync(CoreHost host, ReportSubscriptions subscriptions, Actor actor, Func<ReportDelivery, bool> match)
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await subscriptions.DeliveryLogAsync(actor, 50, Ct)).FirstOrDefault(match) is { } found) return found;
            await Task.Delay(100, Ct);
        }
        throw new Xunit.Sdk.XunitException("The delivery log never showed the expected delivery.");
    }

    private static string PdfText(MimePart attachment)
    {
        using var bytes = new MemoryStream();
        attachment.Content!.DecodeTo(bytes);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes.ToArray());
        return string.Join("\n", pdf.GetPages().Select(p => p.Text));
    }

    // PdfPig joins glyphs without the spaces between words; compare without whitespace on both sides.
    private static string Squeeze(string? text) => Regex.Replace(text ?? "", @"\s+", "");
}

public sealed class SqliteReportDeliveryTests : ReportDeliveryTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresReportDeliveryTests : ReportDeliveryTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
