using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CostSense.Core.Leases;

/// <summary>
/// Background work that must run once across every web instance over the store (a scheduled check, a sync, the start-up
/// seed) claims a <see cref="JobLease"/> row first. A claim is one conditional UPDATE, atomic on SQLite and PostgreSQL
/// alike: it wins only where the lease is free (its <c>Until</c> has passed) and, for a scheduled job, where the last run
/// on any instance began at least an interval ago; the first claim of a name inserts the row, and the primary key decides
/// between two instances inserting at once. The winner holds the lease while it works (renewed, see
/// <see cref="HeldLease"/>) and releases it after; a crashed holder's lease runs out after <see cref="Hold"/>.
/// A claim never succeeds on a lease its own instance already holds: the instance id is new with every process, so
/// re-entry would only let two paths of one process in at once.
/// </summary>
public sealed class JobLeases(IDbContextFactory<CostSenseDbContext> dbFactory, TimeProvider time, ILogger<JobLeases> log)
{
    /// <summary>How long a claim holds without renewal: what a crashed instance costs before another takes over.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromMinutes(2);

    /// <summary>How often <see cref="ClaimAsync"/> looks again while another instance holds the lease.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>This instance, as recorded in the leases it holds: machine, process and a random part (two hosts in one process differ).</summary>
    public string Instance { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The lease if it was free (whatever its schedule), or null when another instance holds it.</summary>
    public Task<HeldLease?> TryClaimAsync(string name, CancellationToken ct) => ClaimOnceAsync(name, null, ct);

    /// <summary>
    /// The lease if it is free and the job is due: no run of it, by claim of any kind on any instance, began within
    /// <paramref name="every"/>. Null otherwise: another instance runs it, or ran it recently.
    /// </summary>
    public Task<HeldLease?> TryClaimDueAsync(string name, TimeSpan every, CancellationToken ct) => ClaimOnceAsync(name, every, ct);

    /// <summary>The lease, waiting (every <see cref="Poll"/>) while another instance holds it: for work that must happen here too, after the other's.</summary>
    public async Task<HeldLease> ClaimAsync(string name, CancellationToken ct)
    {
        while (true)
        {
            if (await ClaimOnceAsync(name, null, ct) is { } held) return held;
            await Task.Delay(Poll, time, ct);
        }
    }

    /// <summary>The lease's row as the store holds it now, or null before the job's first claim.</summary>
    public async Task<JobLease?> ReadAsync(string name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.JobLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == name, ct);
    }

    private async Task<HeldLease?> ClaimOnceAsync(string name, TimeSpan? every, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var until = now + Hold;
        // Unscheduled claims ask nothing of the last start: any time is "long enough ago".
        var startedBy = every is { } e ? now - e : DateTimeOffset.MaxValue;
        var me = Instance;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claimed = await db.JobLeases
            .Where(l => l.Name == name && l.Until <= now && l.StartedAt <= startedBy)
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Holder, me)
                .SetProperty(l => l.Until, until)
                .SetProperty(l => l.StartedAt, now)
                .SetProperty(l => l.Runs, l => l.Runs + 1), ct);
        if (claimed == 0)
        {
            if (await RefusedAsync(db, name, every, ct)) return null;
            db.JobLeases.Add(new JobLease { Name = name, Holder = me, Until = until, StartedAt = now, Runs = 1 });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance inserted the first row at the same moment: the key made it the holder. Anything else is a failure.
                db.ChangeTracker.Clear();
                if (await RefusedAsync(db, name, every, ct)) return null;
                throw;
            }
        }
        log.LogDebug("Job {Job}: claimed by {Instance} until {Until:O}", name, me, until);
        return new HeldLease(this, name, time, log);
    }

    /// <summary>Whether the row exists (so the claim was refused), saying why in the log; false when there is no row yet.</summary>
    private async Task<bool> RefusedAsync(CostSenseDbContext db, string name, TimeSpan? every, CancellationToken ct)
    {
        var row = await db.JobLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == name, ct);
        if (row is null) return false;
        if (row.Until > time.GetUtcNow())
            log.LogDebug("Job {Job}: not claimed by {Instance}, held by {Holder} until {Until:O}", name, Instance, row.Holder, row.Until);
        else
            log.LogDebug("Job {Job}: not claimed by {Instance}, not due until {Due:O} (last run began on {Holder})", name, Instance,
                row.StartedAt + (every ?? TimeSpan.Zero), row.Holder);
        return true;
    }

    /// <summary>Extends this instance's lease; false when it is no longer this instance's (it ran out and another took it).</summary>
    internal async Task<bool> RenewAsync(string name, CancellationToken ct)
    {
        var until = time.GetUtcNow() + Hold;
        var me = Instance;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.JobLeases.Where(l => l.Name == name && l.Holder == me)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, until), ct) > 0;
    }

    /// <summary>Frees this instance's lease at once (the holder's name stays, for the operator).</summary>
    internal async Task ReleaseAsync(string name, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var me = Instance;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.JobLeases.Where(l => l.Name == name && l.Holder == me && l.Until > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, now), ct);
    }
}
