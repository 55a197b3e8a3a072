using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Caching;

/// <summary>
/// Read-through cache of query results over <see cref="IDistributedCache"/>. The cache is an
/// optimisation only: when it is off, slow or down, the query runs against the store.
/// A miss is computed once per key at a time in this process: sessions that miss the same entry together (fifty
/// analysts opening the same new range after an import) wait for the first one's query instead of each running it.
/// </summary>
public sealed class QueryCache(IDistributedCache cache, IOptions<CacheOptions> options, TimeProvider time, ILogger<QueryCache> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // UTC ticks until which the cache is skipped after a failure (see CacheOptions.RetryAfter).
    private long _skipUntil;

    // The misses being computed now, by key: their results serialized, so every caller gets a copy of its own.
    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> _computing = new();

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

        var computing = _computing.GetOrAdd(key, k => new Lazy<Task<byte[]>>(() => ComputeAsync(k, query)));
        var bytes = await computing.Value.WaitAsync(ct);
        return JsonSerializer.Deserialize<T>(bytes, Json)!;
    }

    /// <summary>
    /// Runs a missed query and stores its result. It is shared by every caller waiting for the key, so one caller
    /// going away (a closed page) does not cancel it for the others: it is bounded by the store's command timeout, as
    /// any query is, and each caller stops waiting on its own token.
    /// </summary>
    private async Task<byte[]> ComputeAsync<T>(string key, Func<CancellationToken, Task<T>> query)
    {
        var entry = _computing[key];
        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(await query(CancellationToken.None), Json);
            if (!Skipping)
                await TryAsync(async c => { await cache.SetAsync(key, bytes, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = options.Value.Expiry }, c); return bytes; },
                    CancellationToken.None);
            return bytes;
        }
        finally
        {
            _computing.TryRemove(new KeyValuePair<string, Lazy<Task<byte[]>>>(key, entry));
        }
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
