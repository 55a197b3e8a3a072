using System.Text.Json.Nodes;
using CostSense.Core.Access;
using CostSense.Core.Alerts;
using CostSense.Core.Audit;
using CostSense.Core.Data.Entities;
using CostSense.Core.Notifications;
using CostSense.Tests.Infrastructure;
using CostSense.Tests.Reports.Delivery;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Notifications;

/// <summary>
/// Channels, the outbox and the sender over a real store (SQLite and PostgreSQL), posting to a real receiver in the test
/// process: each kind's body has its documented shape; a receiver that fails twice gets the alert once, after the back-off;
/// one that always fails ends given up after MaxAttempts; an alert queued twice goes once; channels' filters hold; the
/// webhook URL appears nowhere (logs, views, the log's errors, the audit); only Admins manage channels.
/// </summary>
public abstract class NotificationDeliveryTests
{
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Alert AnomalyAlert(string fingerprint, decimal excess) => new($"anomaly:{fingerprint}", AlertKind.Anomaly,
        $"Cost spike at rg-web: +${excess:0.00}", "vm-worker-07 ran 24 h instead of 8 h", excess, "USD",
        [new AlertFact("Scope", "rg-web (Contoso Production)"), new AlertFact("Excess", $"${excess:0.00}")], "anomalies?id=7");

    private static Alert BudgetAlert(int percent) => new($"budget:1:2026-11:Actual:{percent}", AlertKind.BudgetCrossing,
        $"Budget \"Web team\" passed {percent}% in November 2026", "The cost so far reaches it.", 812.40m, "USD",
        [new AlertFact("Budget", "Web team")], "budgets");

    private static NotificationChannelDraft Draft(NotificationChannelKind kind, string target, string name = "Ops", bool anomalies = true,
        bool budgets = true, decimal min = 0) => new(name, kind, target, anomalies, budgets, min);

    [Fact]
    public async Task EachKindOfWebhook_GetsItsDocumentedBody()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await NotificationTestHost.StartAsync(Kind,
            settings: new Dictionary<string, string?> { ["CostSense:Notifications:AppUrl"] = "https://costsense.example.com/" });
        var channels = host.Get<NotificationChannels>();
        await channels.CreateAsync(Actor.System, Draft(NotificationChannelKind.Webhook, receiver.Url("generic"), "Generic"), Ct);
        await channels.CreateAsync(Actor.System, Draft(NotificationChannelKind.Teams, receiver.Url("teams"), "Teams"), Ct);
        await channels.CreateAsync(Actor.System, Draft(NotificationChannelKind.Slack, receiver.Url("slack"), "Slack"), Ct);

        Assert.Equal(3, await host.Get<NotificationOutbox>().EnqueueAsync([AnomalyAlert("fp-1", 412.10m)], Ct));
        var results = await host.Get<NotificationSender>().DeliverDueAsync(null, Ct);
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(NotificationStatus.Sent, r.Status));
        Assert.All(receiver.Received, r => Assert.StartsWith("application/json", r.ContentType));

        var generic = Body(receiver, "/generic");
        Assert.Equal("CostSense", (string?)generic["source"]);
        Assert.Equal("anomaly:fp-1", (string?)generic["key"]);
        Assert.Equal("anomaly", (string?)generic["kind"]);
        Assert.Equal("Cost spike at rg-web: +$412.10", (string?)generic["title"]);
        Assert.Equal(412.10m, (decimal?)generic["amount"]);
        Assert.Equal("USD", (string?)generic["currency"]);
        Assert.Equal("https://costsense.example.com/anomalies?id=7", (string?)generic["link"]);
        Assert.Equal(["Scope", "Excess"], generic["facts"]!.AsArray().Select(f => (string?)f!["name"]));

        var teams = Body(receiver, "/teams");
        Assert.Equal("message", (string?)teams["type"]);
        var attachment = Assert.Single(teams["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.4", (string?)card["version"]);
        var body = card["body"]!.AsArray();
        Assert.Equal("Cost spike at rg-web: +$412.10", (string?)body[0]!["text"]);
        Assert.Equal("vm-worker-07 ran 24 h instead of 8 h", (string?)body[1]!["text"]);
        Assert.Equal("FactSet", (string?)body[2]!["type"]);
        Assert.Equal(["Scope", "Excess"], body[2]!["facts"]!.AsArray().Select(f => (string?)f!["title"]));
        var action = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal(("Action.OpenUrl", "https://costsense.example.com/anomalies?id=7"), ((string?)action["type"], (string?)action["url"]));

        var slack = Body(receiver, "/slack");
        Assert.Equal("Cost spike at rg-web: +$412.10: vm-worker-07 ran 24 h instead of 8 h", (string?)slack["text"]);
        var blocks = slack["blocks"]!.AsArray();
        Assert.Equal(["header", "section", "section", "context"], blocks.Select(b => (string?)b!["type"]));
        Assert.Equal("plain_text", (string?)blocks[0]!["text"]!["type"]);
        Assert.Equal("*Scope*\nrg-web (Contoso Production)", (string?)blocks[2]!["fields"]![0]!["text"]);
        Assert.Equal("<https://costsense.example.com/anomalies?id=7|Open in CostSense>", (string?)blocks[3]!["elements"]![0]!["text"]);
    }

    [Fact]
    public async Task AReceiverThatFailsTwice_GetsTheAlertOnce_AfterTheBackOff()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => n <= 2 ? (500, "upstream exploded") : (200, "ok");
        await using var host = await NotificationTestHost.StartAsync(Kind);
        await host.Get<NotificationChannels>().CreateAsync(Actor.System, Draft(NotificationChannelKind.Slack, receiver.Url()), Ct);
        await host.Get<NotificationOutbox>().EnqueueAsync([BudgetAlert(80)], Ct);
        var sender = host.Get<NotificationSender>();

        var first = Assert.Single(await sender.DeliverDueAsync(null, Ct));
        Assert.Equal((NotificationStatus.Failed, 1, "HTTP 500 Internal Server Error: upstream exploded"), (first.Status, first.Attempts, first.Error));
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromMinutes(1), first.NextAttemptAt);   // FirstRetrySeconds 60
        host.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(await sender.DeliverDueAsync(null, Ct));   // not due yet
        host.Time.Advance(TimeSpan.FromSeconds(1));

        var second = Assert.Single(await sender.DeliverDueAsync(null, Ct));
        Assert.Equal((NotificationStatus.Failed, 2), (second.Status, second.Attempts));
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromMinutes(4), second.NextAttemptAt);   // times BackOffFactor 4
        host.Time.Advance(TimeSpan.FromMinutes(3));
        Assert.Empty(await sender.DeliverDueAsync(null, Ct));
        host.Time.Advance(TimeSpan.FromMinutes(1));

        var third = Assert.Single(await sender.DeliverDueAsync(null, Ct));
        Assert.Equal((NotificationStatus.Sent, 3, null), (third.Status, third.Attempts, third.Error));
        host.Time.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await sender.DeliverDueAsync(null, Ct));
        Assert.Equal(3, receiver.Received.Count);   // two refused, one taken

        var log = Assert.Single(await host.Get<NotificationChannels>().DeliveryLogAsync(Actor.System, 50, Ct));
        Assert.Equal((NotificationStatus.Sent, 3, null), (log.Status, log.Attempts, log.Error));
        Assert.NotNull(log.SentAt);
    }

    [Fact]
    public async Task AReceiverThatAlwaysFails_IsGivenUpAfterMaxAttempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => (503, "");
        await using var host = await NotificationTestHost.StartAsync(Kind, settings: new Dictionary<string, string?>
        {
            ["CostSense:Notifications:MaxAttempts"] = "3",
        });
        await host.Get<NotificationChannels>().CreateAsync(Actor.System, Draft(NotificationChannelKind.Webhook, receiver.Url()), Ct);
        await host.Get<NotificationOutbox>().EnqueueAsync([BudgetAlert(100)], Ct);
        var sender = host.Get<NotificationSender>();

        var statuses = new List<(NotificationStatus, int)>();
        for (var i = 0; i < 6; i++)
        {
            statuses.AddRange((await sender.DeliverDueAsync(null, Ct)).Select(r => (r.Status, r.Attempts)));
            host.Time.Advance(TimeSpan.FromHours(1));
        }
        Assert.Equal([(NotificationStatus.Failed, 1), (NotificationStatus.Failed, 2), (NotificationStatus.GaveUp, 3)], statuses);
        Assert.Equal(3, receiver.Received.Count);
        var log = Assert.Single(await host.Get<NotificationChannels>().DeliveryLogAsync(Actor.System, 50, Ct));
        Assert.Equal((NotificationStatus.GaveUp, 3, "HTTP 503 Service Unavailable"), (log.Status, log.Attempts, log.Error));
    }

    [Fact]
    public async Task TheSameAlertQueuedTwice_IsDeliveredOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await NotificationTestHost.StartAsync(Kind);
        await host.Get<NotificationChannels>().CreateAsync(Actor.System, Draft(NotificationChannelKind.Webhook, receiver.Url()), Ct);
        var outbox = host.Get<NotificationOutbox>();

        Assert.Equal(1, await outbox.EnqueueAsync([AnomalyAlert("fp-1", 50m)], Ct));
        Assert.Equal(0, await outbox.EnqueueAsync([AnomalyAlert("fp-1", 50m)], Ct));
        await host.Get<NotificationSender>().DeliverDueAsync(null, Ct);
        Assert.Equal(0, await outbox.EnqueueAsync([AnomalyAlert("fp-1", 50m)], Ct));   // after it was sent too
        // Both at once on two contexts: the unique index, not the pre-check, decides.
        var both = await Task.WhenAll(Task.Run(() => outbox.EnqueueAsync([AnomalyAlert("fp-2", 50m)], Ct), Ct),
            Task.Run(() => outbox.EnqueueAsync([AnomalyAlert("fp-2", 50m)], Ct), Ct));
        Assert.Equal(1, both.Sum());
        await host.Get<NotificationSender>().DeliverDueAsync(null, Ct);

        Assert.Equal(["anomaly:fp-1", "anomaly:fp-2"], receiver.Bodies.Select(b => (string?)b["key"]).Order());
    }

    [Fact]
    public async Task ChannelsGetOnlyTheEventsTheyWant_AndAnomaliesFromTheirMinimumExcess()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await NotificationTestHost.StartAsync(Kind);
        var channels = host.Get<NotificationChannels>();
        await channels.CreateAsync(Actor.System, Draft(NotificationChannelKind.Webhook, receiver.Url("big"), "Big anomalies", budgets: false, min: 100m), Ct);
        await channels.CreateAsync(Actor.System, Draft(NotificationChannelKind.Webhook, receiver.Url("budgets"), "Budgets", anomalies: false), Ct);
        var off = await channels.CreateAsync(Actor.System, Draft(NotificationChannelKind.Webhook, receiver.Url("off"), "Off"), Ct);
        await channels.UpdateAsync(Actor.System, off.Id, Draft(NotificationChannelKind.Webhook, "", "Off") with { Enabled = false }, Ct);

        await host.Get<NotificationOutbox>().EnqueueAsync([AnomalyAlert("small", 99.99m), AnomalyAlert("exact", 100m), AnomalyAlert("large", 412.10m), BudgetAlert(80)], Ct);
        await host.Get<NotificationSender>().DeliverDueAsync(null, Ct);

        Assert.Equal(["anomaly:exact", "anomaly:large"], receiver.Received.Where(r => r.Path == "/big").Select(r => (string?)JsonNode.Parse(r.Body)!["key"]).Order());
        Assert.Equal(["budget:1:2026-11:Actual:80"], receiver.Received.Where(r => r.Path == "/budgets").Select(r => (string?)JsonNode.Parse(r.Body)!["key"]));
        Assert.DoesNotContain(receiver.Received, r => r.Path == "/off");
    }

    [Fact]
    public async Task TheWebhookUrl_AppearsNowhere_OnlyItsHost()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var url = receiver.Url();
        var secret = "s3cr3tXyZtoken";
        // A receiver that quotes the address it was called at in its error, as some proxies do.
        receiver.Answer = _ => (404, $"No webhook at {url}");
        var logs = new LogCapture();
        await using var host = await NotificationTestHost.StartAsync(Kind, logs: logs);
        var channels = host.Get<NotificationChannels>();
        var created = await channels.CreateAsync(Actor.System, Draft(NotificationChannelKind.Teams, url), Ct);
        Assert.Equal(new Uri(receiver.BaseUrl).Authority, created.TargetHint);
        await channels.UpdateAsync(Actor.System, created.Id, Draft(NotificationChannelKind.Teams, "", "Ops renamed"), Ct);
        var test = await channels.TestAsync(Actor.System, created.Id, Ct);
        Assert.Equal(NotificationStatus.Failed, test.Status);
        Assert.StartsWith("HTTP 404 Not Found: No webhook at", test.Error);
        Assert.Single(receiver.Received);

        await using var db = await host.DbAsync();
        var stored = await db.NotificationChannels.AsNoTracking().SingleAsync(Ct);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith("notification.")).ToListAsync(Ct);
        Assert.Equal([AuditActions.NotificationChannelCreate, AuditActions.NotificationChannelEdit, AuditActions.NotificationTest],
            audit.OrderBy(a => a.Id).Select(a => a.Action));
        var deliveries = await db.NotificationDeliveries.AsNoTracking().ToListAsync(Ct);
        var views = await channels.ListAsync(Actor.System, Ct);
        var everywhere = string.Join("\n", logs.Lines.Concat(audit.Select(a => $"{a.Target} {a.Detail}"))
            .Concat(deliveries.Select(d => $"{d.Error} {d.Payload} {d.Title}")).Concat(views.Select(v => v.ToString()))
            .Append(stored.ProtectedTarget).Append(test.ToString()));
        Assert.DoesNotContain(secret, everywhere, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Messages, m => m.Contains("HTTP 404", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(NotificationChannelKind.Webhook, "", "https://hooks.example.com/x", "Name: give the channel a name.")]
    [InlineData(NotificationChannelKind.Slack, "Ops", "", "Webhook URL: give the address the channel's service gave you.")]
    [InlineData(NotificationChannelKind.Slack, "Ops", "http://hooks.slack.com/services/x", "Webhook URL: must start with https:// (plain http is allowed only for this machine, localhost).")]
    [InlineData(NotificationChannelKind.Teams, "Ops", "ftp://example.com/x", "Webhook URL: not a valid https:// address.")]
    [InlineData(NotificationChannelKind.Teams, "Ops", "not a url", "Webhook URL: not a valid https:// address.")]
    public async Task AnInvalidDraft_IsRefusedWithAMessageNamingTheField(NotificationChannelKind kind, string name, string target, string message)
    {
        await using var host = await NotificationTestHost.StartAsync(Kind);
        var e = await Assert.ThrowsAsync<NotificationException>(() => host.Get<NotificationChannels>().CreateAsync(Actor.System, Draft(kind, target, name), Ct));
        Assert.Equal(message, e.Message);
        var events = await Assert.ThrowsAsync<NotificationException>(() => host.Get<NotificationChannels>().CreateAsync(Actor.System,
            Draft(NotificationChannelKind.Webhook, "https://hooks.example.com/x", anomalies: false, budgets: false), Ct));
        Assert.Equal("Events: choose anomalies, budget crossings or both.", events.Message);
        var min = await Assert.ThrowsAsync<NotificationException>(() => host.Get<NotificationChannels>().CreateAsync(Actor.System,
            Draft(NotificationChannelKind.Webhook, "https://hooks.example.com/x", min: -1), Ct));
        Assert.Equal("Minimum excess: cannot be negative.", min.Message);
        Assert.Empty(await host.Get<NotificationChannels>().ListAsync(Actor.System, Ct));
    }

    [Fact]
    public async Task OnlyAdmins_ManageChannels()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await NotificationTestHost.StartAsync(Kind);
        var analyst = await host.AddPersonAsync("ann@costsense.test", AppRoles.Analyst);
        var admin = await host.AddPersonAsync("ada@costsense.test", AppRoles.Admin);
        var channels = host.Get<NotificationChannels>();
        var draft = Draft(NotificationChannelKind.Webhook, receiver.Url());

        await Assert.ThrowsAsync<AccessDeniedException>(() => channels.CreateAsync(analyst, draft, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => channels.ListAsync(analyst, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => channels.DeliveryLogAsync(analyst, 10, Ct));
        var created = await channels.CreateAsync(admin, draft, Ct);
        await Assert.ThrowsAsync<AccessDeniedException>(() => channels.UpdateAsync(analyst, created.Id, draft with { Name = "x" }, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => channels.TestAsync(analyst, created.Id, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => channels.DeleteAsync(analyst, created.Id, Ct));
        Assert.Empty(receiver.Received);

        // An Admin demoted since signing in is refused at once: the store's roles count, not the circuit's.
        await host.SetRoleInStoreAsync(admin, AppRoles.Analyst);
        await Assert.ThrowsAsync<AccessDeniedException>(() => channels.DeleteAsync(admin, created.Id, Ct));
        Assert.Single(await channels.ListAsync(Actor.System, Ct));
    }

    [Fact]
    public async Task AnEmailChannel_SendsThroughTheSmtpSettings()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var host = await NotificationTestHost.StartAsync(Kind, settings: smtp.Settings);
        var channels = host.Get<NotificationChannels>();
        Assert.Null(channels.EmailOffReason);
        var bad = await Assert.ThrowsAsync<NotificationException>(() => channels.CreateAsync(Actor.System, Draft(NotificationChannelKind.Email, "finops@example.com, nobody"), Ct));
        Assert.Equal("Recipients: not an e-mail address: nobody.", bad.Message);
        var created = await channels.CreateAsync(Actor.System, Draft(NotificationChannelKind.Email, "finops@example.com\ncfo@example.com"), Ct);
        Assert.Equal("2 recipients", created.TargetHint);

        await host.Get<NotificationOutbox>().EnqueueAsync([AnomalyAlert("fp-mail", 412.10m)], Ct);
        var result = Assert.Single(await host.Get<NotificationSender>().DeliverDueAsync(null, Ct));
        Assert.Equal(NotificationStatus.Sent, result.Status);
        var mail = Assert.Single(smtp.Received);
        Assert.Equal("CostSense: Cost spike at rg-web: +$412.10", mail.Subject);
        Assert.Equal(["cfo@example.com", "finops@example.com"], mail.To.Mailboxes.Select(m => m.Address).Order());
        Assert.Contains("Scope: rg-web (Contoso Production)", mail.TextBody);
        Assert.Contains("vm-worker-07 ran 24 h instead of 8 h", mail.HtmlBody);
    }

    [Fact]
    public async Task WithoutSmtp_EmailIsOffered_Disabled_WithTheReason()
    {
        await using var host = await NotificationTestHost.StartAsync(Kind);
        var channels = host.Get<NotificationChannels>();
        Assert.Contains("CostSense:Smtp:Host", channels.EmailOffReason);
        var e = await Assert.ThrowsAsync<NotificationException>(() => channels.CreateAsync(Actor.System, Draft(NotificationChannelKind.Email, "finops@example.com"), Ct));
        Assert.StartsWith("Kind: E-mail is off", e.Message);
    }

    [Fact]
    public async Task TheTestButton_SendsATestAlertAtOnce_AndSaysWhatTheReceiverSaid()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await NotificationTestHost.StartAsync(Kind);
        var channels = host.Get<NotificationChannels>();
        var created = await channels.CreateAsync(Actor.System, Draft(NotificationChannelKind.Webhook, receiver.Url(), "Ops"), Ct);

        var sent = await channels.TestAsync(Actor.System, created.Id, Ct);
        Assert.Equal((NotificationStatus.Sent, "CostSense test notification"), (sent.Status, sent.Title));
        Assert.Equal("test", (string?)Assert.Single(receiver.Bodies)["kind"]);
        receiver.Answer = _ => (400, "invalid_payload");
        var failed = await channels.TestAsync(Actor.System, created.Id, Ct);   // a second test is a new alert, not a duplicate
        Assert.Equal((NotificationStatus.Failed, "HTTP 400 Bad Request: invalid_payload"), (failed.Status, failed.Error));
        Assert.Equal(2, (await channels.DeliveryLogAsync(Actor.System, 10, Ct)).Count);
    }

    [Fact]
    public async Task ADeletedChannel_TakesItsPendingDeliveriesWithIt_AndADisabledOneGetsNothingMore()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await NotificationTestHost.StartAsync(Kind);
        var channels = host.Get<NotificationChannels>();
        var deleted = await channels.CreateAsync(Actor.System, Draft(NotificationChannelKind.Webhook, receiver.Url("deleted"), "Deleted"), Ct);
        var disabled = await channels.CreateAsync(Actor.System, Draft(NotificationChannelKind.Webhook, receiver.Url("disabled"), "Disabled"), Ct);
        Assert.Equal(2, await host.Get<NotificationOutbox>().EnqueueAsync([BudgetAlert(50)], Ct));

        await channels.DeleteAsync(Actor.System, deleted.Id, Ct);
        await channels.UpdateAsync(Actor.System, disabled.Id, Draft(NotificationChannelKind.Webhook, "", "Disabled") with { Enabled = false }, Ct);
        var result = Assert.Single(await host.Get<NotificationSender>().DeliverDueAsync(null, Ct));

        Assert.Equal(("Disabled", NotificationStatus.GaveUp, "The channel was disabled before it was sent."), (result.ChannelName, result.Status, result.Error));
        Assert.Empty(receiver.Received);
        await using var db = await host.DbAsync();
        Assert.Equal(["Disabled"], await db.NotificationDeliveries.AsNoTracking().Select(d => d.ChannelName).ToListAsync(Ct));
        Assert.Contains(await db.AuditEntries.AsNoTracking().Select(a => a.Action).ToListAsync(Ct), a => a == AuditActions.NotificationChannelDelete);
    }

    private static JsonObject Body(WebhookReceiver receiver, string path) =>
        (JsonObject)JsonNode.Parse(Assert.Single(receiver.Received, r => r.Path == path).Body)!;
}

public sealed class SqliteNotificationDeliveryTests : NotificationDeliveryTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresNotificationDeliveryTests : NotificationDeliveryTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
