using System.Net;
using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Budgets;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Notifications;
using CostSense.Core.Leases;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CostSense.Tests.Deployment;

/// <summary>
/// Two instances of the app behind one (imagined) load balancer: one PostgreSQL database and the CI's Redis, nothing else
/// shared. Skips locally and fails under CI=true without PostgreSQL or Redis.
/// </summary>
public sealed class TwoInstancesTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> SmallDemo = new()
    {
        ["CostSense:Demo:VirtualMachines"] = "12",
        ["CostSense:Demo:StorageAccounts"] = "8",
        ["CostSense:Demo:MonthsOfHistory"] = "3",
    };

    [Fact]
    public async Task TwoInstancesStartingTogether_OnAnEmptyStore_SeedTheDemoOnce_AndHonourEachOthersSignIns()
    {
        await using var store = TempStore.Create(StoreKind.Postgres);
        var settings = new Dictionary<string, string?>(SmallDemo) { ["ConnectionStrings:Redis"] = TestServers.RequireRedis() };
        var (logsA, logsB) = (new LogCapture(), new LogCapture());

        var starting = new[] { logsA, logsB }.Select(logs => Task.Run(() => TestApp.StartAsync(
            new TestAppOptions { SharedStore = store, DemoData = true, Settings = settings, Logs = logs }), Ct)).ToList();
        await using var a = await starting[0];
        await using var b = await starting[1];

        await using (var db = await a.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct))
        {
            Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.DemoGenerate, Ct));
            Assert.Equal(1, await db.ImportBatches.CountAsync(x => x.Source == DemoTenant.Source, Ct));
            // One key ring for the farm: the first instance creates its key under the start-up lease, the other finds it.
            Assert.Single(await db.DataProtectionKeys.ToListAsync(Ct));
        }
        var said = logsA.Messages.Concat(logsB.Messages).ToList();
        Assert.Single(said, m => m == "Generated the demo tenant");
        // Not asserted: on a database that does not exist yet, one instance's first attempt may lose the race to create it
        // and succeed at its retry two seconds later (the store's start-up retries; both are ready above).

        // A browser the balancer sends first to one instance, then to the other, in both orders.
        foreach (var (first, second) in new[] { (a, b), (b, a) })
        {
            var email = $"analyst-{Guid.NewGuid():N}@app.test";
            await first.EnsureUserAsync(email, AppRoles.Analyst);
            var cookies = new CookieContainer();
            using var signIn = first.Client(cookies);
            using var signedIn = await TestApp.SignInAsync(signIn, email, TestApp.Password);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

            using var elsewhere = second.Client(cookies);
            using var page = await elsewhere.GetAsync("/", Ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(email, await page.Content.ReadAsStringAsync(Ct));
        }
    }

    [Fact]
    public async Task AChangeOnOneInstance_ShowsOnTheOthersNextRead_AndADueCheckRunsOnOneInstanceOnly()
    {
        await using var store = TempStore.Create(StoreKind.Postgres);
        var redis = TestServers.RequireRedis();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var evaluations = new Counter();
        var (logsA, logsB) = (new LogCapture(), new LogCapture());
        TestAppOptions Instance(LogCapture logs) => new()
        {
            SharedStore = store,
            Logs = logs,
            Settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis },
            Services = s =>
            {
                // One clock for both, as two servers' clocks agree; every alert check evaluates budgets, so this counts checks.
                s.AddSingleton<TimeProvider>(clock);
                s.AddSingleton<IBudgetEvaluation>(sp => new CountingEvaluation(ActivatorUtilities.CreateInstance<BudgetEvaluation>(sp), evaluations));
            },
        };
        await using var a = await TestApp.StartAsync(Instance(logsA));
        await using var b = await TestApp.StartAsync(Instance(logsB));
        var interval = a.Get<IOptions<NotificationOptions>>().Value.CheckInterval;

        // The alert check is due on both at start, and again on both an interval later: each time one instance runs it.
        await UntilAsync(() => Decisions(logsA, logsB).Count == 2 && evaluations.Value == 1, "both instances decided on the first check");
        clock.Advance(interval);
        await UntilAsync(() => Decisions(logsA, logsB).Count == 4 && evaluations.Value == 2, "both instances decided on the second check");
        var decisions = Decisions(logsA, logsB);
        Assert.Equal(2, decisions.Count(d => d.Contains(": claimed by", StringComparison.Ordinal)));
        Assert.Equal(2, decisions.Count(d => d.Contains(": not claimed by", StringComparison.Ordinal)));
        Assert.Equal(2, evaluations.Value);
        Assert.Equal(2, (await a.Get<JobLeases>().ReadAsync(JobNames.AlertCheck, Ct))!.Runs);

        // Cost written through one instance: the other's dashboard, cached in the shared Redis, shows it on its next read.
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var month = new DateOnly(today.Year, today.Month, 1);
        var filter = new CostFilter(month, today);
        var days = today.DayNumber - month.DayNumber + 1;
        await a.Get<CostStore>().ReplacePeriodAsync("test", month, month.AddMonths(1), Rows.Daily(month, today, 10m), Ct);
        Assert.Equal(10m * days, (await b.Get<IDashboardService>().GetAsync(filter, Ct)).RangeTotal);
        Assert.Equal(10m * days, (await b.Get<IDashboardService>().GetAsync(filter, Ct)).RangeTotal);   // from the cache
        await a.Get<CostStore>().ReplacePeriodAsync("test", month, month.AddMonths(1), Rows.Daily(month, today, 25m), Ct);
        Assert.Equal(25m * days, (await b.Get<IDashboardService>().GetAsync(filter, Ct)).RangeTotal);

        // A budget made on one instance is on the other's list, and the dashboard's card there counts it.
        var analyst = await a.ActorAsync("analyst@app.test", AppRoles.Analyst);
        var budget = await a.Get<BudgetService>().CreateAsync(analyst,
            new BudgetDraft("Team A", CostScopeKind.Subscription, "sub-a", 1000m, month, true, null), Ct);
        Assert.Contains(await b.Get<BudgetService>().ListAsync(Ct), x => x.Id == budget.Id && x.Name == "Team A");
        Assert.Contains((await b.Get<BudgetService>().StatusAsync(Ct)).Budgets, x => x.Budget.Id == budget.Id);
    }

    /// <summary>What each instance's lease service said about the alert check, in order.</summary>
    private static List<string> Decisions(params LogCapture[] logs) =>
        logs.SelectMany(l => l.Messages).Where(m => m.StartsWith($"Job {JobNames.AlertCheck}:", StringComparison.Ordinal)).ToList();

    /// <summary>Waits for background work on the instances to reach a state (not a retry of an assertion: nothing is asserted here).</summary>
    private static async Task UntilAsync(Func<bool> reached, string what)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(Wait);
        try
        {
            while (!reached()) await Task.Delay(50, bound.Token);
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail($"Timed out waiting until {what}.");
        }
    }

    private sealed class Counter
    {
        private int _value;
        public int Value => Volatile.Read(ref _value);
        public void Add() => Interlocked.Increment(ref _value);
    }

    private sealed class CountingEvaluation(IBudgetEvaluation inner, Counter counter) : IBudgetEvaluation
    {
        public Task<int> EvaluateAsync(CancellationToken ct)
        {
            counter.Add();
            return inner.EvaluateAsync(ct);
        }
    }
}
