using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace CostSense.Web.Health;

/// <summary>
/// Redis, when configured: a PING on a connection of its own, kept for the app's lifetime. Degraded, not Unhealthy,
/// when it does not answer: the dashboard cache steps aside and pages read the store, only slower.
/// </summary>
internal sealed class RedisHealthCheck(IConfiguration config) : IHealthCheck, IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private const string Cut = "Redis (ConnectionStrings:Redis) is not answering (no reply to PING within 1 s). Pages read the store directly meanwhile, slower; check the Redis server. CostSense reconnects on its own.";

    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ConnectionMultiplexer? _redis;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        try
        {
            var redis = await ConnectAsync(ct).WaitAsync(Timeout, ct);
            // A connection it knows is down answers now; PING would only wait in the reconnect backlog for the timeout.
            if (!redis.IsConnected) return HealthCheckResult.Degraded(Cut);
            var roundTrip = await redis.GetDatabase().PingAsync().WaitAsync(Timeout, ct);
            return HealthCheckResult.Healthy($"Redis answered PING in {roundTrip.TotalMilliseconds:0} ms.");
        }
        catch (Exception ex) when (ex is TimeoutException or RedisException && !ct.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded(Cut);
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(CancellationToken ct)
    {
        if (_redis is { } ready) return ready;
        await _connecting.WaitAsync(ct);
        try
        {
            if (_redis is null)
            {
                var options = ConfigurationOptions.Parse(config.GetConnectionString("Redis")!);
                // Never throw on a server that is down: keep reconnecting in the background, as the cache does.
                options.AbortOnConnectFail = false;
                options.ConnectTimeout = (int)Timeout.TotalMilliseconds;
                options.ClientName ??= "costsense-health";
                _redis = await ConnectionMultiplexer.ConnectAsync(options);
            }
            return _redis;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
        _connecting.Dispose();
    }
}
