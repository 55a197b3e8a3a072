using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Caching;

/// <summary>
/// Read-through cache of query results over <see cref="IDistributedCache"/>. The cache is an
/// optimisation only: when it is off, slow or down, the query runs against the store.
/// </summary>
public sealed class QueryCache(IDistributedCache cache, IOptions<CacheOptions> options, TimeProvider time, ILogger<QueryCache> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // UTC ticks until which the cache is skipped after a failure (see CacheOptions.RetryAfter).
    private long _skipUntil;

    public async Task<T> GetOrCreateAsync<T>(string key, Func<CancellationToken, Task<T>> query, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled || Skipping) return await query(ct);

        var cached = await TryAsync(c => cache.GetAsync(key, c), ct);
        if (cached is not null)
        {
            try { return JsonSerializer.Deserialize<T>(cached, Json)!; }
            catch (JsonException ex) { log.LogWarning(ex, "Dropping unreadable cache entry {Key}", key); }
        }

        var result = await query(ct);
        if (Skipping) return result;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(result, Json);
        await TryAsync(async c => { await cache.SetAsync(key, bytes, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = o.Expiry }, c); return bytes; }, ct);
        return result;
    }

    private bool Skipping => time.GetUtcNow().UtcTicks < Interlocked.Read(ref _skipUntil);

    private async Task<byte[]?> TryAsync(Func<CancellationToken, Task<byte[]?>> call, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.OperationTimeout);
        try
        {
            return await call(timeout.Token).WaitAsync(timeout.Token);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var retryAfter = options.Value.RetryAfter;
            Interlocked.Exchange(ref _skipUntil, (time.GetUtcNow() + retryAfter).UtcTicks);
            log.LogWarning("Cache unavailable ({Error}); reading the store for the next {RetryAfter}", ex.Message, retryAfter);
            return null;
        }
    }
}
