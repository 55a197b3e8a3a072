using CostSense.Core.Caching;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CostSense.Tests.Store;

/// <summary>The query cache's misses: one query per key at a time, shared by the callers that missed it together.</summary>
public sealed class QueryCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static QueryCache NewCache() =>
        new(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())), Options.Create(new CacheOptions()),
            TimeProvider.System, NullLogger<QueryCache>.Instance);

    [Fact]
    public async Task MissesOfOneKeyTogether_RunTheQueryOnce_AndEachCallerGetsItsOwnCopy()
    {
        var cache = NewCache();
        var release = new TaskCompletionSource();
        var runs = 0;
        async Task<List<int>> Query(CancellationToken c)
        {
            Interlocked.Increment(ref runs);
            await release.Task.WaitAsync(c);
            return [1, 2, 3];
        }

        var callers = Enumerable.Range(0, 8).Select(_ => cache.GetOrCreateAsync("range:90d", Query, Ct)).ToList();
        release.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.Equal(1, runs);
        Assert.All(results, r => Assert.Equal([1, 2, 3], r));
        Assert.Equal(8, results.Distinct().Count());
        Assert.Equal([1, 2, 3], await cache.GetOrCreateAsync<List<int>>("range:90d", _ => throw new InvalidOperationException("cached, not queried"), Ct));
    }

    [Fact]
    public async Task ACallerThatGoesAway_DoesNotCancelTheQueryForTheOthers()
    {
        var cache = NewCache();
        var release = new TaskCompletionSource();
        async Task<string> Query(CancellationToken c)
        {
            await release.Task.WaitAsync(c);
            return "total";
        }
        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var gone = cache.GetOrCreateAsync("range:mtd", Query, leaving.Token);
        var staying = cache.GetOrCreateAsync("range:mtd", Query, Ct);
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone);
        release.SetResult();

        Assert.Equal("total", await staying);
    }

    [Fact]
    public async Task AFailedQuery_FailsItsWaiters_AndTheNextMissRunsAgain()
    {
        var cache = NewCache();
        var release = new TaskCompletionSource();
        async Task<string> Failing(CancellationToken c)
        {
            await release.Task.WaitAsync(c);
            throw new TimeoutException("the store timed out");
        }

        var first = cache.GetOrCreateAsync("range:12m", Failing, Ct);
        var second = cache.GetOrCreateAsync("range:12m", Failing, Ct);
        release.SetResult();
        await Assert.ThrowsAsync<TimeoutException>(() => first);
        await Assert.ThrowsAsync<TimeoutException>(() => second);

        Assert.Equal("answered", await cache.GetOrCreateAsync("range:12m", _ => Task.FromResult("answered"), Ct));
    }

    [Fact]
    public async Task DifferentKeys_DoNotWaitForEachOther()
    {
        var cache = NewCache();
        var never = new TaskCompletionSource<string>();

        var blocked = cache.GetOrCreateAsync("range:a", c => never.Task.WaitAsync(c), Ct);
        Assert.Equal("b", await cache.GetOrCreateAsync("range:b", _ => Task.FromResult("b"), Ct));

        Assert.False(blocked.IsCompleted);
        never.SetResult("a");
        Assert.Equal("a", await blocked);
    }
}
