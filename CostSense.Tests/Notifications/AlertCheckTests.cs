using CostSense.Core.Access;
using CostSense.Core.Alerts;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Notifications;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Notifications;

/// <summary>
/// The alert check over a real store, with counting stand-ins for detection and budgets (built on other branches):
/// detection runs only when the data or the day changed, budgets every time; a new anomaly and a crossing become one
/// alert each, sent once however often the check runs; anomalies that are old news are marked, not sent; a failing
/// detection stops neither budgets nor delivery; two instances checking at once over PostgreSQL send each alert once.
/// </summary>
public abstract class AlertCheckTests
{
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Latest = new(2026, 11, 28);

    private static NotificationChannelDraft Hook(string url) => new("Ops", NotificationChannelKind.Webhook, url);

    [Fact]
    public async Task Detection_RunsOnlyWhenTheDataOrTheDayChanged_BudgetsEveryTime()
    {
        var detection = new CountingDetection();
        var budgets = new CountingBudgets();
        await using var host = await NotificationTestHost.StartAsync(Kind, detection, budgets);
        await host.AddCostDayAsync(Latest);
        var check = host.Get<AlertCheck>();

        Assert.True((await check.RunAsync(Ct)).Detected);
        Assert.False((await check.RunAsync(Ct)).Detected);
        Assert.False((await check.RunAsync(Ct)).Detected);
        Assert.Equal((1, 3), (detection.Runs, budgets.Runs));

        // New data: an import bumps the month's version.
        await using (var db = await host.DbAsync())
            await PeriodVersions.BumpAsync(db, new DateOnly(2026, 11, 1), Ct);
        Assert.True((await check.RunAsync(Ct)).Detected);
        Assert.False((await check.RunAsync(Ct)).Detected);
        // A later day of data.
        await host.AddCostDayAsync(Latest.AddDays(1));
        Assert.True((await check.RunAsync(Ct)).Detected);
        // A new day, the data unchanged.
        host.Time.Advance(TimeSpan.FromHours(20));
        Assert.True((await check.RunAsync(Ct)).Detected);
        Assert.False((await check.RunAsync(Ct)).Detected);
        Assert.Equal((4, 8), (detection.Runs, budgets.Runs));

        var run = await check.LastRunAsync(Ct);
        Assert.NotNull(run);
        Assert.Null(run.Error);
        Assert.Contains("today 2026-11-30", run.Stamp);
    }

    [Fact]
    public async Task ANewAnomaly_BecomesOneAlert_WithItsFigures_AndOldOnesAreNotNews()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var detection = new CountingDetection();
        await using var host = await NotificationTestHost.StartAsync(Kind, detection);
        await host.AddCostDayAsync(Latest);
        await host.Get<NotificationChannels>().CreateAsync(Actor.System, Hook(receiver.Url()), Ct);
        DetectedAnomaly? fresh = null;
        detection.OnRun = async _ =>
        {
            if (fresh is not null) return;
            fresh = await host.AddAnomalyAsync("spike:rg:2026-11-27", new(2026, 11, 27), new(2026, 11, 27), 100m, 512.10m);
            // Ended 8 days before the latest day of data (AlertRecentDays 7): not news.
            await host.AddAnomalyAsync("spike:rg:2026-11-19", new(2026, 11, 18), new(2026, 11, 20), 300m, 900m);
            // The day before the limit: still news.
            await host.AddAnomalyAsync("spike:rg:2026-11-21", new(2026, 11, 21), new(2026, 11, 21), 100m, 150m);
        };
        var check = host.Get<AlertCheck>();

        var result = await check.RunAsync(Ct);
        Assert.Equal((2, 1, 2), (result.Alerts, result.NotNews, result.Queued));
        Assert.Equal(2, result.Deliveries.Count(d => d.Status == NotificationStatus.Sent));
        var again = await check.RunAsync(Ct);
        Assert.Equal((0, 0, 0), (again.Alerts, again.Queued, again.Deliveries.Count));

        Assert.Equal(["anomaly:spike:rg:2026-11-21", "anomaly:spike:rg:2026-11-27"], receiver.Bodies.Select(b => (string?)b["key"]).Order());
        var body = receiver.Bodies.Single(b => (string?)b["key"] == "anomaly:spike:rg:2026-11-27");
        Assert.Equal("Cost spike at rg-web (Contoso Production): +$412.10", (string?)body["title"]);
        Assert.Equal(fresh!.Summary, (string?)body["text"]);
        Assert.Equal(412.10m, (decimal?)body["amount"]);
        var facts = body["facts"]!.AsArray().ToDictionary(f => (string)f!["name"]!, f => (string?)f!["value"]);
        Assert.Equal("rg-web (Contoso Production)", facts["Scope"]);
        Assert.Equal("2026-11-27", facts["Days"]);
        Assert.Equal("$100.00", facts["Expected"]);
        Assert.Equal("$512.10", facts["Actual"]);
        Assert.Equal("+$412.10", facts["Excess"]);
        Assert.Equal("vm-worker-07, D8s v3: 83%", facts["Main driver"]);

        await using var db = await host.DbAsync();
        Assert.All(await db.Anomalies.AsNoTracking().ToListAsync(Ct), a => Assert.NotNull(a.AlertedAt));
    }

    [Fact]
    public async Task OneSurge_SeenAtSeveralScopes_IsOneAlert_ThatNamesTheOtherScopes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var detection = new CountingDetection();
        await using var host = await NotificationTestHost.StartAsync(Kind, detection);
        await host.AddCostDayAsync(Latest);
        await host.Get<NotificationChannels>().CreateAsync(Actor.System, Hook(receiver.Url()), Ct);
        var added = false;
        detection.OnRun = async _ =>
        {
            if (added) return;
            added = true;
            // The same driver (vm-worker-07) on overlapping days, at its resource group and at its subscription.
            await host.AddAnomalyAsync("spike:sub:2026-11-26", new(2026, 11, 26), new(2026, 11, 27), 300m, 750m, "Contoso Production", CostScopeKind.Subscription);
            await host.AddAnomalyAsync("spike:rg:2026-11-27", new(2026, 11, 27), new(2026, 11, 27), 100m, 512.10m);
        };

        var result = await host.Get<AlertCheck>().RunAsync(Ct);

        Assert.Equal((1, 1), (result.Alerts, result.Queued));
        var body = Assert.Single(receiver.Bodies);
        Assert.Equal("anomaly:spike:rg:2026-11-27", (string?)body["key"]);
        var facts = body["facts"]!.AsArray().ToDictionary(f => (string)f!["name"]!, f => (string?)f!["value"]);
        Assert.Equal("Contoso Production", facts["Also seen at"]);
        await using var db = await host.DbAsync();
        Assert.All(await db.Anomalies.AsNoTracking().ToListAsync(Ct), a => Assert.NotNull(a.AlertedAt));
    }

    [Fact]
    public async Task ALowerLevel_IsToldWithItsSign()
    {
        var drop = new DetectedAnomaly
        {
            Fingerprint = "LevelShift|Service|App Service|2026-10-12", Kind = AnomalyKind.LevelShift, ScopeKind = CostScopeKind.Service,
            ScopeKey = "Azure App Service", ScopeName = "Azure App Service", From = new(2026, 10, 12), To = Latest,
            Expected = 1_525.78m, Actual = 1_184.96m, Currency = "USD", Summary = "-$340.82 a day since 2026-10-12", DriversJson = "[]",
        };

        var alert = AlertFactory.Anomaly(drop);

        Assert.Equal("New cost level at Azure App Service: -$340.82", alert.Title);
        Assert.Equal("-$340.82", alert.Facts.Single(f => f.Name == "Excess").Value);
    }

    [Fact]
    public async Task ACrossing_BecomesOneAlert_EvenWhenTheCheckRunsAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var budgets = new CountingBudgets();
        await using var host = await NotificationTestHost.StartAsync(Kind, budgets: budgets);
        await host.Get<NotificationChannels>().CreateAsync(Actor.System, Hook(receiver.Url()), Ct);
        var stored = false;
        budgets.OnRun = async _ =>
        {
            if (stored) return 0;
            stored = true;
            await host.AddCrossingAsync(80);
            return 1;
        };
        var check = host.Get<AlertCheck>();

        var first = await check.RunAsync(Ct);
        Assert.Equal((1, 1, 1), (first.NewCrossings, first.Alerts, first.Queued));
        for (var i = 0; i < 3; i++) Assert.Equal(0, (await check.RunAsync(Ct)).Alerts);

        var body = Assert.Single(receiver.Bodies);
        Assert.Equal("budget", (string?)body["kind"]);
        await using var db = await host.DbAsync();
        var crossing = await db.BudgetCrossings.AsNoTracking().SingleAsync(Ct);
        Assert.Equal($"budget:{crossing.BudgetId}:2026-11:Actual:80", (string?)body["key"]);
        Assert.Equal("Budget \"Web team\" passed 80% in November 2026", (string?)body["title"]);
        Assert.Equal("The cost of November 2026 so far, $812.40, reaches 80% of the $1,000.00 budget (81% of it) for rg-web (Contoso Production).",
            (string?)body["text"]);
        Assert.NotNull(crossing.AlertedAt);
    }

    [Fact]
    public async Task AFailingDetection_StopsNeitherBudgetsNorDelivery_AndIsTriedAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var detection = new CountingDetection { Fail = new InvalidOperationException("the detector broke") };
        var budgets = new CountingBudgets();
        await using var host = await NotificationTestHost.StartAsync(Kind, detection, budgets);
        await host.Get<NotificationChannels>().CreateAsync(Actor.System, Hook(receiver.Url()), Ct);
        await host.AddCrossingAsync(50);
        var check = host.Get<AlertCheck>();

        var result = await check.RunAsync(Ct);
        Assert.Equal("Anomaly detection failed: the detector broke", result.Error);
        Assert.Equal(1, budgets.Runs);
        Assert.Equal(NotificationStatus.Sent, Assert.Single(result.Deliveries).Status);
        Assert.Single(receiver.Received);
        Assert.Equal("Anomaly detection failed: the detector broke", (await check.LastRunAsync(Ct))!.Error);

        // The stamp was not saved: the next check tries detection again, and once it works, not after.
        detection.Fail = null;
        Assert.True((await check.RunAsync(Ct)).Detected);
        Assert.False((await check.RunAsync(Ct)).Detected);
        Assert.Equal(2, detection.Runs);   // the failed one and the one that worked
        Assert.Null((await check.LastRunAsync(Ct))!.Error);
    }

    [Fact]
    public async Task ARequestedRun_WakesTheWaiter()
    {
        var requests = new AlertCheckRequests();
        var waiting = requests.Requested;
        Assert.False(waiting.IsCompleted);
        requests.RequestRun();
        Assert.True(waiting.IsCompleted);
        requests.Consume();
        Assert.False(requests.Requested.IsCompleted);
        await Task.CompletedTask;
    }
}

public sealed class SqliteAlertCheckTests : AlertCheckTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresAlertCheckTests : AlertCheckTests
{
    protected override StoreKind Kind => StoreKind.Postgres;

    [Fact]
    public async Task TwoInstancesCheckingAtOnce_SendEachAlertOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var store = TempStore.Create(Kind);
        var settings = new Dictionary<string, string?>(store.Settings);
        await using var one = await NotificationTestHost.StartAsync(Kind, settings: settings);
        await using var two = await NotificationTestHost.StartAsync(Kind, settings: settings);
        // One after the other, so the second finds the key ring the first made in the store (as the web app's instances do).
        await one.Get<NotificationChannels>().CreateAsync(Actor.System, new NotificationChannelDraft("one", NotificationChannelKind.Webhook, receiver.Url("one")), ct);
        await two.Get<NotificationChannels>().CreateAsync(Actor.System, new NotificationChannelDraft("two", NotificationChannelKind.Slack, receiver.Url("two")), ct);
        // Ten incidents: one a day (the same driver on the same day would be one incident, told once).
        for (var i = 0; i < 10; i++)
            await one.AddAnomalyAsync($"spike:{i}", new(2026, 11, 18 + i), new(2026, 11, 18 + i), 10m, 100m + i);
        await one.AddCrossingAsync(50);
        await one.AddCrossingAsync(80);

        for (var round = 0; round < 3; round++)
            await Task.WhenAll(Task.Run(() => one.Get<AlertCheck>().RunAsync(ct), ct), Task.Run(() => two.Get<AlertCheck>().RunAsync(ct), ct));

        await using var db = await one.DbAsync();
        var deliveries = await db.NotificationDeliveries.AsNoTracking().ToListAsync(ct);
        Assert.Equal(24, deliveries.Count);   // 12 alerts × 2 channels, each queued once
        Assert.Equal(24, deliveries.Select(d => (d.ChannelId, d.AlertKey)).Distinct().Count());
        Assert.All(deliveries, d => Assert.Equal((NotificationStatus.Sent, 1), (d.Status, d.Attempts)));
        var generic = receiver.Received.Where(r => r.Path == "/one").Select(r => (string?)System.Text.Json.Nodes.JsonNode.Parse(r.Body)!["key"]).ToList();
        Assert.Equal(12, generic.Count);
        Assert.Equal(12, generic.Distinct().Count());
        Assert.Equal(12, receiver.Received.Count(r => r.Path == "/two"));
    }
}
