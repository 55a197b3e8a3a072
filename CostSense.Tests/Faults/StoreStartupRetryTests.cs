using CostSense.Core.Data;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Infrastructure;
using CostSense.Web.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CostSense.Tests.Faults;

/// <summary>Start-up's retries, on a clock the test moves: when they happen, what the status says, and that they stop.</summary>
public sealed class StoreStartupRetryTests : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TempStore _store = TempStore.Create();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 16, 8, 0, 0, TimeSpan.Zero));
    private readonly StoreStatus _status = new();
    private readonly CountingDemo _demo = new();

    [Fact]
    public void RetryDelay_DoublesFromTwoSecondsUpToThirty()
    {
        var o = new StoreStartupOptions();
        Assert.Equal([2, 4, 8, 16, 30, 30], Enumerable.Range(1, 6).Select(n => o.RetryDelay(n).TotalSeconds));
    }

    [Fact]
    public async Task StartUp_WithTheStoreUnusable_ReturnsAtOnce_RetriesOnSchedule_AndMarksReadyOnceItCanBeOpened()
    {
        // A file where the store's folder should be: SQLite cannot create the store until it is gone.
        var blocker = Path.Combine(_store.Folder, "blocked");
        await File.WriteAllTextAsync(blocker, "", Ct);
        using var host = BuildHost(Path.Combine(blocker, "store.db"));
        using var startup = NewStartup(host);

        await startup.StartAsync(Ct);

        Assert.Equal(StorePhase.Retrying, _status.Current.Phase);
        Assert.Equal((1, TimeSpan.FromSeconds(2)), (_status.Current.Attempt, _status.Current.RetryIn));
        Assert.StartsWith($"The SQLite store at {Path.Combine(blocker, "store.db")} could not be opened or initialised", _status.Problem);

        _time.Advance(TimeSpan.FromMilliseconds(1_999));
        Assert.Equal(1, _status.Current.Attempt);
        var second = NextChange();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(Wait, Ct);
        Assert.Equal((2, TimeSpan.FromSeconds(4)), (_status.Current.Attempt, _status.Current.RetryIn));

        File.Delete(blocker);
        var ready = NextChange();
        _time.Advance(TimeSpan.FromSeconds(4));
        await ready.WaitAsync(Wait, Ct);

        Assert.True(_status.Ready);
        Assert.Null(_status.Problem);
        Assert.Equal(1, _demo.Seeds);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        await startup.StopAsync(Ct);
    }

    [Fact]
    public async Task StartUp_StoppingWhileItWaitsToRetry_EndsTheRetriesAtOnce()
    {
        var blocker = Path.Combine(_store.Folder, "blocked");
        await File.WriteAllTextAsync(blocker, "", Ct);
        using var host = BuildHost(Path.Combine(blocker, "store.db"));
        using var startup = NewStartup(host);
        await startup.StartAsync(Ct);

        await startup.StopAsync(Ct).WaitAsync(Wait, Ct);
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(1, _status.Current.Attempt);
        Assert.Equal(0, _demo.Seeds);
    }

    private Task NextChange()
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler()
        {
            _status.Changed -= Handler;
            changed.TrySetResult();
        }
        _status.Changed += Handler;
        return changed.Task;
    }

    private IHost BuildHost(string sqlitePath) =>
        CoreHost.Builder(_store.Folder, new Dictionary<string, string?> { ["CostSense:Store:SqlitePath"] = sqlitePath }).Build();

    private StoreStartup NewStartup(IHost host)
    {
        var services = host.Services;
        return new StoreStartup(new StoreProbe(services.GetRequiredService<IDbContextFactory<CostSenseDbContext>>()),
            services.GetRequiredService<DatabaseInitializer>(), _demo, _status, [], services.GetRequiredService<CostSense.Core.Leases.JobLeases>(),
            services.GetRequiredService<IOptions<StoreOptions>>(),
            Options.Create(new StoreStartupOptions()), _time, NullLogger<StoreStartup>.Instance);
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private sealed class CountingDemo : IDemoTenantService
    {
        private int _seeds;
        public int Seeds => Volatile.Read(ref _seeds);
        public Task<DemoTenantSummary> GenerateAsync(CostSense.Core.Access.Actor actor, CancellationToken ct) => throw new NotSupportedException("Not used by these tests.");
        public Task<int> RemoveAsync(CostSense.Core.Access.Actor actor, CancellationToken ct) => throw new NotSupportedException("Not used by these tests.");
        public Task<bool> SeedOnStartAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref _seeds);
            return Task.FromResult(true);
        }
    }
}
