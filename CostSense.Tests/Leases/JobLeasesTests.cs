using CostSense.Core.Data;
using CostSense.Core.Leases;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CostSense.Tests.Leases;

/// <summary>
/// Leases claimed in the store, on SQLite and PostgreSQL: each <see cref="JobLeases"/> made here is another instance over
/// the same store (an id of its own), some on a clock of their own so a test can stop one "instance" renewing as a
/// crashed process would.
/// </summary>
public sealed class JobLeasesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task AClaimedLease_IsRefusedToAnotherInstanceWhileHeld_AndClaimedOnceReleased(StoreKind kind)
    {
        await using var host = await CoreHost.StartAsync(kind, Now);
        var (first, second) = (Instance(host), Instance(host));

        var held = await first.TryClaimAsync("job", Ct);
        Assert.NotNull(held);
        Assert.Null(await second.TryClaimAsync("job", Ct));
        Assert.Null(await first.TryClaimAsync("job", Ct));                       // not re-entrant, even for its holder
        var row = await first.ReadAsync("job", Ct);
        Assert.Equal((first.Instance, Now + JobLeases.Hold, 1L), (row!.Holder, row.Until, row.Runs));

        await held.DisposeAsync();
        row = await first.ReadAsync("job", Ct);
        Assert.Equal((first.Instance, Now), (row!.Holder, row.Until));           // free at once; who ran last stays

        await using var taken = await second.TryClaimAsync("job", Ct);
        Assert.NotNull(taken);
        row = await first.ReadAsync("job", Ct);
        Assert.Equal((second.Instance, 2L), (row!.Holder, row.Runs));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task ALeaseItsHolderStoppedRenewing_IsTakenOverAfterItsHold_AndTheOldHolderLearnsItLostIt(StoreKind kind)
    {
        await using var host = await CoreHost.StartAsync(kind, Now);
        // The crashed instance's clock is its own and stands still: it never renews.
        var crashedClock = new FakeTimeProvider(Now);
        var crashed = Instance(host, crashedClock);
        var other = Instance(host);

        var stale = await crashed.TryClaimAsync("sync", Ct);
        Assert.NotNull(stale);
        host.Time.Advance(JobLeases.Hold - TimeSpan.FromSeconds(1));
        Assert.Null(await other.TryClaimAsync("sync", Ct));
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await using var taken = await other.TryClaimAsync("sync", Ct);
        Assert.NotNull(taken);

        // The stalled process wakes up and renews: the lease is no longer its own.
        crashedClock.Advance(JobLeases.Hold / 3);
        await WhenCancelled(stale.Lost).WaitAsync(Wait, Ct);
        await stale.DisposeAsync();                                              // does not free the new holder's lease
        Assert.Equal(other.Instance, (await other.ReadAsync("sync", Ct))!.Holder);
        Assert.Null(await crashed.TryClaimAsync("sync", Ct));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task AHeldLease_IsRenewedWhileItsWorkRuns_SoNobodyTakesItOver(StoreKind kind)
    {
        await using var host = await CoreHost.StartAsync(kind, Now);
        var (worker, other) = (Instance(host), Instance(host));
        await using var held = await worker.TryClaimAsync("long", Ct);
        Assert.NotNull(held);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(Wait);

        for (var i = 1; i <= 6; i++)
        {
            var renewedBy = Now + JobLeases.Hold / 3 * i + JobLeases.Hold;
            host.Time.Advance(JobLeases.Hold / 3);
            // The renewal runs on the timer's thread; wait until the store shows it.
            while ((await worker.ReadAsync("long", Ct))!.Until < renewedBy) await Task.Delay(10, bound.Token);
            Assert.Null(await other.TryClaimAsync("long", Ct));
        }
        Assert.False(held.Lost.IsCancellationRequested);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task AScheduledJob_RunsOncePerInterval_HoweverManyInstancesFindItDue(StoreKind kind)
    {
        await using var host = await CoreHost.StartAsync(kind, Now);
        var instances = Enumerable.Range(0, 6).Select(_ => Instance(host)).ToList();
        var every = TimeSpan.FromMinutes(10);

        // The first claims race to insert the row; later ones to update it. One winner each time, released at once.
        for (var round = 1; round <= 3; round++)
        {
            var claims = await Task.WhenAll(instances.Select(i => Task.Run(() => i.TryClaimDueAsync("report", every, Ct), Ct)));
            Assert.Single(claims, c => c is not null);
            foreach (var c in claims.OfType<HeldLease>()) await c.DisposeAsync();

            // Free, but not due again until the interval has passed since that run began.
            host.Time.Advance(every - TimeSpan.FromSeconds(1));
            Assert.All(await Task.WhenAll(instances.Select(i => i.TryClaimDueAsync("report", every, Ct))), Assert.Null);
            host.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(3, (await db.JobLeases.SingleAsync(l => l.Name == "report", Ct)).Runs);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task ClaimAsync_WaitsForTheHolder_ThenClaims(StoreKind kind)
    {
        await using var host = await CoreHost.StartAsync(kind, Now);
        var (first, second) = (Instance(host), Instance(host));
        var held = await first.TryClaimAsync("seed", Ct);
        Assert.NotNull(held);

        var waiting = second.ClaimAsync("seed", Ct);
        host.Time.Advance(JobLeases.Poll);                                       // it looked again: still held
        Assert.False(waiting.IsCompleted);
        await held.DisposeAsync();
        // Its next look finds the lease free (the poll timer is the fake clock's: move it until the claim lands).
        while (!waiting.IsCompleted)
        {
            host.Time.Advance(JobLeases.Poll);
            await Task.WhenAny(waiting, Task.Delay(50, Ct));
        }
        await using var claimed = await waiting;
        Assert.Equal(second.Instance, (await second.ReadAsync("seed", Ct))!.Holder);
    }

    private static JobLeases Instance(CoreHost host, TimeProvider? time = null) =>
        new(host.Get<IDbContextFactory<CostSenseDbContext>>(), time ?? host.Time, NullLogger<JobLeases>.Instance);

    private static Task WhenCancelled(CancellationToken token)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => done.TrySetResult());
        return done.Task;
    }
}
