using CostSense.Core.Catalog;
using CostSense.Core.Data;
using CostSense.Core.Recommendations.CostOnly;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Recommendations;

/// <summary>
/// Reads what the rules need from the store: each VM's metrics aggregated over the window and each resource's
/// cost in it, scaled to a 730-hour month (Azure's convention, as the catalogue's monthly prices). VMs and storage accounts
/// derived from imported cost rows (<see cref="CostDerived.InventorySource"/>) have no metrics: their hours run, compute cost
/// and disk cost are read from the cost rows instead (<see cref="CostOnlyVmUsage"/>), and the rules that need CPU and memory
/// see null and stay silent.
/// </summary>
internal static class UsageReader
{
    private const decimal DaysPerMonth = VmSize.HoursPerMonth / 24m;

    public static async Task<(IReadOnlyList<VmUsage> Vms, IReadOnlyList<StorageUsage> Storage)> ReadAsync(
        CostSenseDbContext db, DateOnly asOf, int lookbackDays, CancellationToken ct)
    {
        var from = asOf.AddDays(1 - lookbackDays);
        if (db.Database.IsNpgsql()) await TuneForWindowAsync(db, ct);
        var metrics = await db.DailyMetrics.AsNoTracking()
            .Where(m => m.Date >= from && m.Date <= asOf)
            .GroupBy(m => m.ResourceId)
            .Select(g => new
            {
                ResourceId = g.Key,
                Days = g.Count(),
                Hours = g.Sum(m => m.HoursRunning),
                CpuP95 = g.Average(m => m.HoursRunning > 0 ? (double?)m.CpuP95 : null),
                CpuAverage = g.Average(m => m.HoursRunning > 0 ? (double?)m.CpuAverage : null),
                CpuMax = g.Max(m => (double?)m.CpuMax),
                MemoryP95 = g.Average(m => m.HoursRunning > 0 ? (double?)m.MemoryP95 : null),
                MemoryMax = g.Max(m => (double?)m.MemoryMax),
                Network = g.Average(m => m.HoursRunning > 0 ? (double?)m.NetworkMiB : null),
            })
            .ToDictionaryAsync(x => x.ResourceId, StringComparer.OrdinalIgnoreCase, ct);

        var cost = await CostPerMonthAsync(db, from, asOf, lookbackDays, ct);

        var inventory = await db.VirtualMachines.AsNoTracking().OrderBy(v => v.ResourceId).ToListAsync(ct);
        var costOnly = await CostOnlyVmUsage.ReadAsync(db,
            inventory.Where(v => v.Source == CostDerived.InventorySource && !metrics.ContainsKey(v.ResourceId)).ToList(), from, asOf, lookbackDays, ct);
        var vms = new List<VmUsage>();
        foreach (var vm in inventory)
        {
            if (costOnly.TryGetValue(vm.ResourceId, out var c))
            {
                vms.Add(new VmUsage(vm, lookbackDays, 0, null, null, null, null, null, null, c.RunningShare,
                    Math.Round(c.PayAsYouGoCost * DaysPerMonth / lookbackDays, 2), c.DiskCost * DaysPerMonth / lookbackDays));
                continue;
            }
            metrics.TryGetValue(vm.ResourceId, out var m);
            vms.Add(new VmUsage(vm, lookbackDays, m?.Days ?? 0, m?.CpuP95, m?.CpuAverage, m?.CpuMax, m?.MemoryP95, m?.MemoryMax, m?.Network,
                RunningShare: m is null ? 0 : Math.Clamp(m.Hours / (lookbackDays * 24.0), 0, 1),
                MonthlyComputeCost: Math.Round(cost.GetValueOrDefault(vm.ResourceId), 2),
                MonthlyDiskCost: StoragePriceCatalog.TryDiskPerMonth(vm.DiskSku) ?? 0));
        }

        var storage = (await db.StorageAccounts.AsNoTracking().OrderBy(a => a.ResourceId).ToListAsync(ct))
            .Select(a => new StorageUsage(a, lookbackDays, Math.Round(cost.GetValueOrDefault(a.ResourceId), 2), CostOnly: a.Source == CostDerived.InventorySource))
            .ToList();
        return (vms, storage);
    }

    /// <summary>
    /// PostgreSQL, for the rest of the recompute's transaction: room to group a large tenant's window in memory, and no JIT.
    /// With the default 4 MB of work memory the metrics' sort and the cost's hash table spilled to disk (tens of megabytes
    /// a worker, about a second at 30,000 resources); compiling the cost query's expressions took another 0.4 s and saves
    /// less than that on a query that reads once. Only how the grouping is executed changes, not which rows are grouped.
    /// </summary>
    private static Task TuneForWindowAsync(CostSenseDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '64MB'; SET LOCAL jit = off", ct);

    /// <summary>
    /// Each resource's cost over the window, scaled to a month. PostgreSQL sums in the store (numeric is exact): a large
    /// tenant's window is millions of cost rows, one row per resource comes back. SQLite stores decimals as text and cannot
    /// add them, so its rows are summed here. Resource ids are matched without regard to case, as everywhere.
    /// </summary>
    private static async Task<Dictionary<string, decimal>> CostPerMonthAsync(CostSenseDbContext db, DateOnly from, DateOnly asOf, int lookbackDays, CancellationToken ct)
    {
        var window = db.CostRecords.AsNoTracking().Where(r => r.ChargePeriodStart >= from && r.ChargePeriodStart <= asOf && r.ResourceId != null);
        var sums = db.Database.IsNpgsql()
            ? await window.GroupBy(r => r.ResourceId!).Select(g => new { ResourceId = g.Key, Cost = g.Sum(r => r.EffectiveCost) }).ToListAsync(ct)
            : (await window.Select(r => new { ResourceId = r.ResourceId!, r.EffectiveCost }).ToListAsync(ct))
                .GroupBy(r => r.ResourceId, StringComparer.OrdinalIgnoreCase)
                .Select(g => new { ResourceId = g.Key, Cost = g.Sum(r => r.EffectiveCost) }).ToList();
        return sums.GroupBy(r => r.ResourceId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Cost) * DaysPerMonth / lookbackDays, StringComparer.OrdinalIgnoreCase);
    }
}
