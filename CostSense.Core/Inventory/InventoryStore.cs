using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Inventory;

/// <summary>Writes the resource inventory and daily metrics of a source, keeps the fleet rollups current, and finds VMs by name.</summary>
public sealed class InventoryStore(IDbContextFactory<CostSenseDbContext> dbFactory)
{
    /// <summary>The VM called <paramref name="name"/>, case ignored, or null when there is none.</summary>
    public async Task<VirtualMachine?> FindVmByNameAsync(string name, CancellationToken ct)
    {
        var lower = name.ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.VirtualMachines.AsNoTracking().Where(v => v.Name.ToLower() == lower).FirstOrDefaultAsync(ct);
    }

    /// <summary>Up to <paramref name="take"/> names of VMs whose name contains <paramref name="part"/>, case ignored: what to suggest for a name that is not found.</summary>
    public async Task<IReadOnlyList<string>> VmNamesContainingAsync(string part, int take, CancellationToken ct)
    {
        var lower = part.ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.VirtualMachines.AsNoTracking().Where(v => v.Name.ToLower().Contains(lower)).Select(v => v.Name).Take(take).ToListAsync(ct);
    }

    /// <summary>Replaces everything <paramref name="source"/> holds: its VMs, storage accounts and their metrics.</summary>
    public async Task<int> ReplaceAsync(string source, IReadOnlyCollection<VirtualMachine> vms, IReadOnlyCollection<StorageAccount> accounts,
        IEnumerable<DailyMetric> metrics, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // The whole replacement is one retriable unit (see CostStore): metrics may be enumerated again.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(c => ReplaceOnceAsync(db, source, vms, accounts, metrics, c), ct);
    }

    private static async Task<int> ReplaceOnceAsync(CostSenseDbContext db, string source, IReadOnlyCollection<VirtualMachine> vms,
        IReadOnlyCollection<StorageAccount> accounts, IEnumerable<DailyMetric> metrics, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var written = await ReplaceInTransactionAsync(db, source, vms, accounts, metrics, ct);
        await tx.CommitAsync(ct);
        return written;
    }

    /// <summary>The replacement inside the caller's open transaction (a source that writes inventory and cost as one unit).</summary>
    internal static async Task<int> ReplaceInTransactionAsync(CostSenseDbContext db, string source, IReadOnlyCollection<VirtualMachine> vms,
        IReadOnlyCollection<StorageAccount> accounts, IEnumerable<DailyMetric> metrics, CancellationToken ct)
    {
        var oldVms = db.VirtualMachines.Where(v => v.Source == source).Select(v => v.ResourceId);
        await db.DailyMetrics.Where(m => oldVms.Contains(m.ResourceId)).ExecuteDeleteAsync(ct);
        await db.VirtualMachines.Where(v => v.Source == source).ExecuteDeleteAsync(ct);
        await db.StorageAccounts.Where(a => a.Source == source).ExecuteDeleteAsync(ct);

        db.VirtualMachines.AddRange(vms.Select(v => { v.Source = source; return v; }));
        db.StorageAccounts.AddRange(accounts.Select(a => { a.Source = source; return a; }));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var written = await BulkInsert.InsertAsync(db, metrics, ct);

        await RebuildUtilizationAsync(db, ct);
        await PeriodVersions.BumpAsync(db, PeriodVersion.Inventory, ct);
        return written;
    }

    /// <summary>
    /// Replaces <paramref name="source"/>'s VMs and storage accounts inside the caller's open transaction but, unlike
    /// <see cref="ReplaceInTransactionAsync"/>, keeps the daily metrics of the VMs that remain: a source whose metrics are
    /// written by a step of their own (live Azure's) loses only the metrics of VMs that are gone.
    /// </summary>
    internal static async Task ReplaceKeepingMetricsInTransactionAsync(CostSenseDbContext db, string source, IReadOnlyCollection<VirtualMachine> vms,
        IReadOnlyCollection<StorageAccount> accounts, CancellationToken ct)
    {
        var remaining = vms.Select(v => v.ResourceId).ToHashSet(StringComparer.Ordinal);
        var old = await db.VirtualMachines.Where(v => v.Source == source).Select(v => v.ResourceId).ToListAsync(ct);
        foreach (var gone in old.Where(id => !remaining.Contains(id)).Chunk(500))
            await db.DailyMetrics.Where(m => gone.Contains(m.ResourceId)).ExecuteDeleteAsync(ct);
        await db.VirtualMachines.Where(v => v.Source == source).ExecuteDeleteAsync(ct);
        await db.StorageAccounts.Where(a => a.Source == source).ExecuteDeleteAsync(ct);
        db.VirtualMachines.AddRange(vms.Select(v => { v.Source = source; return v; }));
        db.StorageAccounts.AddRange(accounts.Select(a => { a.Source = source; return a; }));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await RebuildUtilizationAsync(db, ct);
        await PeriodVersions.BumpAsync(db, PeriodVersion.Inventory, ct);
    }

    /// <summary>
    /// Replaces the daily metrics of <paramref name="resourceIds"/> from <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive) with <paramref name="metrics"/> inside the caller's open transaction, then rebuilds the rollups and
    /// bumps the inventory's version (a metrics sync changes what the rules and the compute page read).
    /// </summary>
    internal static async Task<int> ReplaceMetricsInTransactionAsync(CostSenseDbContext db, IReadOnlyCollection<string> resourceIds,
        DateOnly from, DateOnly to, IEnumerable<DailyMetric> metrics, CancellationToken ct)
    {
        foreach (var chunk in resourceIds.Chunk(500))
            await db.DailyMetrics.Where(m => chunk.Contains(m.ResourceId) && m.Date >= from && m.Date <= to).ExecuteDeleteAsync(ct);
        var written = await BulkInsert.InsertAsync(db, metrics, ct);
        await RebuildUtilizationAsync(db, ct);
        await PeriodVersions.BumpAsync(db, PeriodVersion.Inventory, ct);
        return written;
    }

    /// <summary>Recomputes the per-day, per-subscription fleet sums from the VM metrics.</summary>
    internal static async Task RebuildUtilizationAsync(CostSenseDbContext db, CancellationToken ct)
    {
        await db.UtilizationRollups.ExecuteDeleteAsync(ct);
        var rows = await db.DailyMetrics
            .Join(db.VirtualMachines, m => m.ResourceId, v => v.ResourceId, (m, v) => new { m, v.SubscriptionId })
            .GroupBy(x => new { x.m.Date, x.SubscriptionId })
            .Select(g => new UtilizationRollup
            {
                Date = g.Key.Date,
                SubscriptionId = g.Key.SubscriptionId,
                VmCount = g.Count(),
                CpuAverageSum = g.Sum(x => x.m.CpuAverage),
                CpuP95Sum = g.Sum(x => x.m.CpuP95),
                MemoryAverageSum = g.Sum(x => x.m.MemoryAverage),
                MemoryP95Sum = g.Sum(x => x.m.MemoryP95),
            })
            .ToListAsync(ct);
        await BulkInsert.InsertAsync(db, rows, ct);
    }
}
