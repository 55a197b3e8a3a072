using System.Diagnostics;
using System.Text.Json;
using CostSense.Core.Caching;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CostSense.Tests.Faults;

/// <summary>
/// The app with Redis through a proxy that takes it away, or slows it down: the dashboard answers from the store
/// throughout, with the same figures, and /health/ready calls Redis Degraded, not Unhealthy.
/// </summary>
[Collection(nameof(FaultsCollection))]
public sealed class RedisOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string?> NoDemo = new() { ["CostSense:Demo:Enabled"] = "false" };

    [Fact]
    public async Task Dashboard_WithRedisCut_AnswersFromTheStoreInTime_AndCachesAgainOnceItIsBack()
    {
        await using var app = await StartAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.RequireRedis());
        var dashboards = app.Get<IDashboardService>();
        var uncached = Uncached(app);
        // Redis is shared and keeps what earlier runs cached: only keys this test adds count.
        var earlier = Keys(redis, Month(3)).Concat(Keys(redis, Month(2))).ToHashSet();
        List<RedisKey> Added(CostFilter f) => Keys(redis, f).Where(k => !earlier.Contains(k)).ToList();
        await dashboards.GetAsync(Month(3), Ct);
        Assert.Single(Added(Month(3)));

        app.Redis!.Stop();

        foreach (var filter in new[] { Month(3), Month(2), Month(3) with { SubscriptionId = "sub-b" }, Month(3) })
        {
            var clock = Stopwatch.StartNew();
            var snapshot = await dashboards.GetAsync(filter, Ct);
            Log($"dashboard {filter.From:MMM} {filter.SubscriptionId ?? "all"} with Redis cut: {clock.ElapsedMilliseconds} ms");
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, Answer);
            Assert.Equal(Json(await uncached.GetAsync(filter, Ct)), Json(snapshot));
        }
        Assert.Empty(Added(Month(2)));

        app.Redis.Start();

        // The cache's connection comes back on its own: wait (bounded) for a dashboard to land in Redis again.
        var back = Stopwatch.StartNew();
        while (Added(Month(2)).Count == 0)
        {
            Assert.True(back.Elapsed < Reconnect, $"The cache did not write to Redis within {Reconnect} of Redis coming back.");
            Assert.Equal(Json(await uncached.GetAsync(Month(2), Ct)), Json(await dashboards.GetAsync(Month(2), Ct)));
            await Task.Delay(100, Ct);
        }
        Log($"cache writes to Redis again {back.ElapsedMilliseconds} ms after it came back");
        var cached = Stopwatch.StartNew();
        Assert.Equal(Json(await uncached.GetAsync(Month(2), Ct)), Json(await dashboards.GetAsync(Month(2), Ct)));
        Log($"dashboard served from Redis: {cached.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Ready_WithRedisCut_ReportsRedisDegradedWith200_AndHealthyOnceItIsBack()
    {
        await using var app = await StartAsync();
        var (code, report) = await app.HealthAsync("/health/ready");
        Assert.Equal(200, code);
        Assert.Equal("Healthy", report["redis"].Status);

        app.Redis!.Stop();

        var clock = Stopwatch.StartNew();
        (code, report) = await app.AdminHealthAsync("/health/ready");
        Log($"ready with Redis cut: {code} in {clock.ElapsedMilliseconds} ms: {report["redis"].Description}");
        Assert.Equal(200, code);
        Assert.Equal("Degraded", report.Status);
        Assert.Equal("Degraded", report["redis"].Status);
        Assert.Equal("Healthy", report["store"].Status);
        Assert.Contains("Pages read the store directly", report["redis"].Description);
        Assert.DoesNotContain(app.Redis.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), report["redis"].Description);

        app.Redis.Start();

        var back = Stopwatch.StartNew();
        while ((await app.HealthAsync("/health/ready")).Body["redis"].Status != "Healthy")
        {
            Assert.True(back.Elapsed < Reconnect, $"Redis was not reported Healthy within {Reconnect} of coming back.");
            await Task.Delay(100, Ct);
        }
        Log($"Redis reported Healthy {back.ElapsedMilliseconds} ms after it came back");
    }

    [Fact]
    public async Task Dashboard_WithRedisSlow_StepsAsideWithinItsTimeout_AndReadyCallsRedisDegraded()
    {
        await using var app = await StartAsync();
        var dashboards = app.Get<IDashboardService>();
        await dashboards.GetAsync(Month(3), Ct);

        app.Redis!.Delay = TimeSpan.FromSeconds(3);

        var clock = Stopwatch.StartNew();
        var snapshot = await dashboards.GetAsync(Month(2), Ct);
        Log($"dashboard with Redis answering in 3 s: {clock.ElapsedMilliseconds} ms");
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Answer);
        Assert.Equal(Json(await Uncached(app).GetAsync(Month(2), Ct)), Json(snapshot));
        clock.Restart();
        var (code, report) = await app.HealthAsync("/health/ready");
        Log($"ready with Redis answering in 3 s: {code} in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(200, code);
        Assert.Equal("Degraded", report["redis"].Status);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Answer);
    }

    private static async Task<FaultyApp> StartAsync()
    {
        var app = FaultyApp.Start(postgres: false, redis: true, settings: NoDemo);
        var rows = Rows.Daily(new(2031, 2, 1), new(2031, 3, 20), 10m)
            .Concat(Rows.Daily(new(2031, 2, 1), new(2031, 3, 20), 2.5m, subscription: "sub-b", service: "Storage"));
        await app.Get<CostStore>().ReplacePeriodAsync("focus", new(2031, 2, 1), new(2031, 4, 1), rows, Ct);
        return app;
    }

    private static CostFilter Month(int month) => month == 3
        ? new CostFilter(new(2031, 3, 1), new(2031, 3, 20))
        : new CostFilter(new(2031, month, 1), new DateOnly(2031, month, 1).AddMonths(1).AddDays(-1));

    /// <summary>The same query with no cache at all: what every answer must equal.</summary>
    private static DashboardService Uncached(FaultyApp app) => new(app.Get<IDbContextFactory<CostSenseDbContext>>(),
        new QueryCache(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())),
            Options.Create(new CacheOptions { Enabled = false }), TimeProvider.System, NullLogger<QueryCache>.Instance));

    private static List<RedisKey> Keys(ConnectionMultiplexer redis, CostFilter f) => redis.GetServers()[0]
        .Keys(pattern: $"costsense:{DashboardService.CacheKeyPrefix}{f.From:yyyyMMdd}:{f.To:yyyyMMdd}:{(f.SubscriptionId is null ? "*" : "=" + Uri.EscapeDataString(f.SubscriptionId))}:*").ToList();

    private static string Json(DashboardSnapshot s) => JsonSerializer.Serialize(s);
}
