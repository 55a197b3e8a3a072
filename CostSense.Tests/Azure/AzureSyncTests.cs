using Azure;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Sources.Azure;
using CostSense.Tests.Azure.Fake;
using CostSense.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CostSense.Tests.Azure;

/// <summary>
/// The sync itself, over step doubles (each real step has its own tests): what it records, how a failed step is worded
/// while the next runs, a scope that cannot be read, one sync at a time across two instances on one PostgreSQL, and the
/// secret never reaching a log.
/// </summary>
public sealed class AzureSyncTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly FakeSubscription Production = new("aaaaaaaa-0000-0000-0000-000000000001", "Production");
    private const string Secret = "Sup3r~Secret.Value-8Q~do-not-log";

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task EachStepIsRecorded_AFailedStepIsWordedWithItsRole_AndTheNextStepsRun(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azure = await FakeAzureServer.StartAsync(app => FakeArm.MapSubscriptions(app, [Production]), ct);
        var steps = new[]
        {
            new StepDouble(AzureSyncStep.Inventory, _ => Task.FromResult(new AzureStepOutcome(12, "12 VMs"))),
            new StepDouble(AzureSyncStep.Costs, _ => throw new RequestFailedException(403, "The client does not have authorization.", "AuthorizationFailed", null)),
            new StepDouble(AzureSyncStep.Advisor, _ => Task.FromResult(new AzureStepOutcome(3, "3 Advisor recommendations"))),
        };
        await using var host = await StartAsync(kind, azure, steps);

        var run = await host.Get<AzureSync>().RunAsync("test", ct);

        Assert.NotNull(run);
        Assert.Equal(AzureSyncStatus.Failed, run.Status);
        var stored = (await host.Get<AzureSync>().HistoryAsync(5, ct)).Single();
        Assert.Equal(run.Id, stored.Id);
        Assert.Equal("test", stored.TriggeredBy);
        Assert.Equal(Now, stored.FinishedAt);
        Assert.Equal([AzureSyncStep.Inventory, AzureSyncStep.Costs, AzureSyncStep.Advisor], stored.Steps.OrderBy(s => s.Step).Select(s => s.Step));
        var byStep = stored.Steps.ToDictionary(s => s.Step);
        Assert.Equal((AzureSyncStatus.Succeeded, 12, "12 VMs"), (byStep[AzureSyncStep.Inventory].Status, byStep[AzureSyncStep.Inventory].Items, byStep[AzureSyncStep.Inventory].Message));
        Assert.Equal(AzureSyncStatus.Failed, byStep[AzureSyncStep.Costs].Status);
        Assert.Contains("403 AuthorizationFailed", byStep[AzureSyncStep.Costs].Message);
        Assert.Contains("Cost Management Reader role", byStep[AzureSyncStep.Costs].Message);
        Assert.Contains($"/subscriptions/{Production.Id}", byStep[AzureSyncStep.Costs].Message);
        Assert.Equal(AzureSyncStatus.Succeeded, byStep[AzureSyncStep.Advisor].Status);
        Assert.Contains("costs failed", stored.Message);
        // Every step saw the one subscription in scope, with its name.
        Assert.All(steps.Where(s => s.Seen is not null), s => Assert.Equal([("Production", Production.Id)], s.Seen!.Subscriptions.Select(x => (x.DisplayName, x.Id))));
    }

    [Fact]
    public async Task ThrottledStep_ShowsWhenItMayRunAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azure = await FakeAzureServer.StartAsync(app => FakeArm.MapSubscriptions(app, [Production]), ct);
        var retryAt = Now.AddMinutes(7);
        await using var host = await StartAsync(StoreKind.Sqlite, azure,
            [new StepDouble(AzureSyncStep.Costs, _ => throw new AzureThrottledException("the cost query", retryAt))]);

        var run = await host.Get<AzureSync>().RunAsync("test", ct);

        var step = Assert.Single(run!.Steps);
        Assert.Equal(retryAt, step.RetryAt);
        Assert.Contains("2026-11-20 09:07 UTC", step.Message);
    }

    [Fact]
    public async Task AScopeThatCannotBeRead_SkipsEveryStep_AndSaysWhy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azure = await FakeAzureServer.StartAsync(app => FakeArm.MapSubscriptions(app, [Production]), ct);
        azure.Credential.Fail = "ClientSecretCredential authentication failed: AADSTS7000222: The provided client secret keys for app are expired.";
        var inventory = new StepDouble(AzureSyncStep.Inventory, _ => Task.FromResult(new AzureStepOutcome(1, "one")));
        await using var host = await StartAsync(StoreKind.Sqlite, azure, [inventory]);

        var run = await host.Get<AzureSync>().RunAsync("test", ct);

        Assert.Equal(AzureSyncStatus.Failed, run!.Status);
        Assert.StartsWith("Signing in to Azure failed", run.Message);
        Assert.Contains("AADSTS7000222", run.Message);
        Assert.Equal(AzureSyncStatus.Skipped, Assert.Single(run.Steps).Status);
        Assert.Null(inventory.Seen);
    }

    [Fact]
    public async Task TwoInstancesOnOnePostgres_NeverSyncAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azure = await FakeAzureServer.StartAsync(app => FakeArm.MapSubscriptions(app, [Production]), ct);
        var release = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        var slow = new StepDouble(AzureSyncStep.Inventory, async c => { entered.TrySetResult(); await release.Task.WaitAsync(c); return new AzureStepOutcome(1, "one"); });
        await using var first = await StartAsync(StoreKind.Postgres, azure, [slow]);
        var second = new StepDouble(AzureSyncStep.Inventory, _ => Task.FromResult(new AzureStepOutcome(2, "two")));
        // The second instance: its own process (services, lock, semaphore) on the first one's database.
        await using var other = await StartAsync(StoreKind.Postgres, azure, [second], first.Store.Settings);
        var analyst = await first.AddPersonAsync("analyst@app.test", AppRoles.Analyst);

        Assert.Equal(AzureSyncStartResult.Started, await first.Get<AzureSync>().StartAsync(analyst, ct));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Null(await other.Get<AzureSync>().RunAsync(AzureSync.Schedule, ct));
        Assert.Equal(AzureSyncStartResult.AlreadyRunning, await other.Get<AzureSync>().StartAsync(analyst, ct));
        Assert.Equal(AzureSyncStartResult.AlreadyRunning, await first.Get<AzureSync>().StartAsync(analyst, ct));
        Assert.Null(second.Seen);

        release.SetResult();
        var done = await first.Get<AzureSync>().Running.WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.Equal(AzureSyncStatus.Succeeded, done!.Status);
        // Released: the other instance syncs now, and both see both runs in the one store.
        var next = await other.Get<AzureSync>().RunAsync(AzureSync.Schedule, ct);
        Assert.Equal(AzureSyncStatus.Succeeded, next!.Status);
        Assert.Equal([AzureSync.Schedule, analyst.Name], (await first.Get<AzureSync>().HistoryAsync(5, ct)).Select(r => r.TriggeredBy));
    }

    [Fact]
    public async Task SyncNow_NeedsAnAnalystOrAdmin_AndIsAudited()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azure = await FakeAzureServer.StartAsync(app => FakeArm.MapSubscriptions(app, [Production]), ct);
        await using var host = await StartAsync(StoreKind.Sqlite, azure, [new StepDouble(AzureSyncStep.Prices, _ => Task.FromResult(new AzureStepOutcome(0, "none")))]);
        var viewer = await host.AddPersonAsync("viewer@app.test", AppRoles.Viewer);
        var analyst = await host.AddPersonAsync("analyst@app.test", AppRoles.Analyst);

        await Assert.ThrowsAsync<AccessDeniedException>(() => host.Get<AzureSync>().StartAsync(viewer, ct));
        Assert.Equal(AzureSyncStartResult.Started, await host.Get<AzureSync>().StartAsync(analyst, ct));
        await host.Get<AzureSync>().Running.WaitAsync(TimeSpan.FromSeconds(30), ct);

        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(ct);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "azure.sync", ct);
        Assert.Equal(analyst.Name, audit.ActorName);
    }

    [Fact]
    public async Task TheSecret_NeverReachesTheLog_EvenWhenEverythingFails()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azure = await FakeAzureServer.StartAsync(app =>
            app.MapGet("/subscriptions", c => FakeAzureServer.Error(c, 401, "InvalidAuthenticationToken", "The access token is invalid.")), ct);
        var logs = new LogCapture();
        var settings = azure.Settings([Production.Id], new Dictionary<string, string?>
        {
            ["CostSense:Azure:TenantId"] = "11111111-2222-3333-4444-555555555555",
            ["CostSense:Azure:ClientId"] = "99999999-8888-7777-6666-555555555555",
            ["CostSense:Azure:ClientSecret"] = Secret,
        });
        await using var host = await CoreHost.StartAsync(StoreKind.Sqlite, Now, settings, services: s =>
        {
            s.AddSingleton(azure.Setup);
            s.AddSingleton<ILoggerProvider>(logs);
        });

        var run = await host.Get<AzureSync>().RunAsync("test", ct);

        Assert.Contains("401", run!.Message);
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, host.Get<AzureConnection>().SignInDescription);
        Assert.DoesNotContain(Secret, host.Get<AzureConnection>().Options.ToString());
        Assert.Contains("99999999-8888-7777-6666-555555555555", host.Get<AzureConnection>().SignInDescription);
    }

    [Fact]
    public async Task TheSchedule_SyncsAfterItsStartupDelay_ThenEveryIntervalFromTheLastRun()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azure = await FakeAzureServer.StartAsync(app => FakeArm.MapSubscriptions(app, [Production]), ct);
        var runs = 0;
        await using var host = await StartAsync(StoreKind.Sqlite, azure,
            [new StepDouble(AzureSyncStep.Inventory, _ => { Interlocked.Increment(ref runs); return Task.FromResult(new AzureStepOutcome(1, "one")); })],
            new Dictionary<string, string?> { ["CostSense:Azure:StartupDelay"] = "00:01:00", ["CostSense:Azure:SyncInterval"] = "01:00:00" });
        var worker = host.Get<AzureSyncWorker>();
        var sync = host.Get<AzureSync>();

        await worker.StartAsync(ct);
        await Eventually(() => Task.FromResult(worker.NextSyncAt == Now.AddMinutes(1)), ct);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await Eventually(async () => (await sync.HistoryAsync(5, ct)).Count(r => r.FinishedAt is not null) == 1, ct);
        var first = (await sync.HistoryAsync(1, ct)).Single();
        Assert.Equal((AzureSync.Schedule, Now.AddMinutes(1)), (first.TriggeredBy, first.StartedAt));

        // The next one is due an interval after the last one started, not after this instance's start.
        await Eventually(() => Task.FromResult(worker.NextSyncAt == first.StartedAt.AddHours(1)), ct);
        host.Time.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(300, ct);
        Assert.Equal(1, runs);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await Eventually(async () => (await sync.HistoryAsync(5, ct)).Count(r => r.FinishedAt is not null) == 2, ct);
        Assert.Equal(2, runs);
        await worker.StopAsync(ct);
    }

    private static async Task Eventually(Func<Task<bool>> condition, CancellationToken ct)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition()) return;
            await Task.Delay(50, ct);
        }
        Assert.Fail("The condition did not come true within 15 s.");
    }

    private static Task<CoreHost> StartAsync(StoreKind kind, FakeAzureServer azure, IReadOnlyList<StepDouble> steps,
        IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = azure.Settings([Production.Id]);
        foreach (var (k, v) in more ?? new Dictionary<string, string?>()) settings[k] = v;
        return CoreHost.StartAsync(kind, Now, settings, services: s =>
        {
            s.AddSingleton(azure.Setup);
            s.RemoveAll<IAzureSyncStep>();
            foreach (var step in steps) s.AddSingleton<IAzureSyncStep>(step);
        });
    }

    /// <summary>A step that runs what the test says and keeps the context it was given.</summary>
    private sealed class StepDouble(AzureSyncStep step, Func<CancellationToken, Task<AzureStepOutcome>> run) : IAzureSyncStep
    {
        public AzureSyncStep Step => step;
        public AzureSyncContext? Seen { get; private set; }

        public Task<AzureStepOutcome> RunAsync(AzureSyncContext context, CancellationToken ct)
        {
            Seen = context;
            return run(ct);
        }
    }
}
