using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;
using CostSense.Core.Showback;
using CostSense.Tests.Infrastructure;
using StackExchange.Redis;

namespace CostSense.Tests.Store;

/// <summary>The dashboard cache against a real Redis server, and without one.</summary>
public sealed class RedisCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly CostFilter March = new(new(2026, 3, 1), new(2026, 3, 20));
    private const string MarchKeys = "costsense:" + DashboardService.CacheKeyPrefix + "20260301:20260320:*";

    [Fact]
    public async Task Dashboard_IsCachedInRedis_AndAnImportOfItsMonthInvalidatesIt()
    {
        await using var host = await CoreHost.StartAsync(StoreKind.Sqlite, Now, redis: true);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.RequireRedis());
        var server = redis.GetServers()[0];
        var store = host.Get<CostStore>();
        await store.ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), Rows.Daily(new(2026, 3, 1), new(2026, 3, 20), 10m), Ct);
        var before = server.Keys(pattern: MarchKeys).Count();

        Assert.Equal(200m, (await host.Get<IDashboardService>().GetAsync(March, Ct)).Kpis.MonthToDate);
        Assert.Equal(before + 1, server.Keys(pattern: MarchKeys).Count());

        await store.ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), Rows.Daily(new(2026, 3, 1), new(2026, 3, 20), 11m), Ct);

        Assert.Equal(220m, (await host.Get<IDashboardService>().GetAsync(March, Ct)).Kpis.MonthToDate);
        Assert.Equal(before + 2, server.Keys(pattern: MarchKeys).Count());
    }

    [Fact]
    public async Task Showback_IsCachedInRedis_AndAnImportOfItsMonthOrARuleEditComputesItAgain()
    {
        await using var host = await CoreHost.StartAsync(StoreKind.Sqlite, Now, redis: true);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.RequireRedis());
        var server = redis.GetServers()[0];
        const string keys = "costsense:" + ShowbackService.CacheKeyPrefix + "cost-center:20260301:20260320:*";
        var store = host.Get<CostStore>();
        var showback = host.Get<ShowbackService>();
        var march = new ShowbackQuery("cost-center", new(2026, 3, 1), new(2026, 3, 20));
        static IEnumerable<CostRecord> Tagged(decimal cost) =>
            Rows.Daily(new(2026, 3, 1), new(2026, 3, 20), cost).Select(r => { r.Tags = """{"cost-center":"CC-1"}"""; return r; });
        await store.ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), Tagged(10m), Ct);
        var before = server.Keys(pattern: keys).Count();

        var first = await showback.GetAsync(march, Ct);
        var again = await showback.GetAsync(march, Ct);
        Assert.Equal(200m, first.Total);
        Assert.Equal("CC-1", Assert.Single(first.Values).Value);
        Assert.Equal(before + 1, server.Keys(pattern: keys).Count());
        Assert.Equal(first.Untagged, again.Untagged);
        Assert.Equal(first.Values, again.Values);

        await store.ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), Tagged(11m), Ct);
        Assert.Equal(220m, (await showback.GetAsync(march, Ct)).Total);
        Assert.Equal(before + 2, server.Keys(pattern: keys).Count());

        var analyst = await host.AddPersonAsync("ann@costsense.test", CostSense.Core.Access.AppRoles.Analyst);
        await host.Get<AllocationRules>().CreateAsync(analyst, new AllocationRuleDraft("Shared untagged", "cost-center", AllocationSource.Untagged, null,
            AllocationMethod.Proportional, null, 1), Ct);
        var withRule = await showback.GetAsync(march, Ct);
        Assert.Equal("Shared untagged", Assert.Single(withRule.Rules).RuleName);
        Assert.Equal(before + 3, server.Keys(pattern: keys).Count());
    }

    [Fact]
    public async Task Dashboard_ServedFromRedis_EqualsTheFreshQuery()
    {
        await using var host = await CoreHost.StartAsync(StoreKind.Sqlite, Now, redis: true);
        await host.Get<CostStore>().ReplacePeriodAsync("focus", new(2026, 2, 1), new(2026, 4, 1),
            Rows.Daily(new(2026, 2, 1), new(2026, 3, 20), 3.3333333333m), Ct);

        var fresh = await host.Get<IDashboardService>().GetAsync(March, Ct);
        var cached = await host.Get<IDashboardService>().GetAsync(March, Ct);

        Assert.Equal(fresh.Kpis, cached.Kpis);
        Assert.Equal(fresh.Daily, cached.Daily);
        Assert.Equal(fresh.TopServices, cached.TopServices);
        Assert.Equal(fresh.Utilization, cached.Utilization);
        Assert.Equal(fresh.ByProvider, cached.ByProvider);
        Assert.Equal(fresh.Providers, cached.Providers);
        Assert.Equal(fresh.Subscriptions, cached.Subscriptions);
    }

    [Fact]
    public async Task Dashboard_WithRedisUnreachable_IsServedFromTheStore()
    {
        // Nothing listens on port 1: the cache steps aside within its timeout.
        await using var host = await CoreHost.StartAsync(StoreKind.Sqlite, Now, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=200",
            ["CostSense:Cache:OperationTimeout"] = "00:00:00.300",
        });
        await host.Get<CostStore>().ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), Rows.Daily(new(2026, 3, 1), new(2026, 3, 20), 10m), Ct);

        var snapshot = await host.Get<IDashboardService>().GetAsync(March, Ct);

        Assert.Equal(200m, snapshot.Kpis.MonthToDate);
    }
}
