using CostSense.Core.Caching;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Recommendations.CostOnly;

/// <summary>Reads the <see cref="DataBasis"/> from the inventory and its metrics, for the grids' notice and per-row basis.</summary>
public sealed class DataBasisReader(IDbContextFactory<CostSenseDbContext> dbFactory, QueryCache cache)
{
    /// <summary>
    /// The inventory source live Azure writes its VMs under (Sources.Azure's AzureSources.Inventory, which this layer may not
    /// name; a test holds the two equal).
    /// </summary>
    public const string AzureInventorySource = "azure:inventory";

    /// <summary>Where the data basis's cache keys start.</summary>
    public const string CacheKeyPrefix = "databasis:v1:";

    /// <remarks>
    /// The grids read this on every open, and whether each VM has a day of metrics is 20,000 probes of the metrics'
    /// (resource, date) index at a large tenant's size: most of a second, seconds under fifty sessions opening. So it is
    /// cached under what it counts: the months' and the inventory's versions (imports, inventory and metric syncs move
    /// them), the VMs and storage accounts by source, and the newest metric row (whatever else adds metrics).
    /// </remarks>
    public async Task<DataBasis> ReadAsync(CancellationToken ct)
    {
        string key;
        List<(string Source, int Count)> accounts;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var stamp = await PeriodVersions.StampAsync(db, DateOnly.MinValue, DateOnly.MaxValue, ct);
            var vms = await db.VirtualMachines.GroupBy(v => v.Source).Select(g => new { Source = g.Key, Count = g.Count() }).ToListAsync(ct);
            accounts = (await db.StorageAccounts.GroupBy(a => a.Source).Select(g => new { Source = g.Key, Count = g.Count() }).ToListAsync(ct))
                .Select(a => (a.Source, a.Count)).ToList();
            var lastMetric = await db.DailyMetrics.MaxAsync(m => (long?)m.Id, ct);
            static string Counts(IEnumerable<(string Source, int Count)> counts) =>
                string.Join(',', counts.OrderBy(c => c.Source, StringComparer.Ordinal).Select(c => $"{Uri.EscapeDataString(c.Source)}={c.Count}"));
            key = $"{CacheKeyPrefix}{stamp}:{Counts(vms.Select(v => (v.Source, v.Count)))}:{Counts(accounts)}:{lastMetric}";
        }
        return await cache.GetOrCreateAsync(key, c => CountAsync(accounts, c), ct);
    }

    /// <summary>One pass over the VMs, each asking the metrics' index whether it has a day; the accounts are the key's counts.</summary>
    private async Task<DataBasis> CountAsync(List<(string Source, int Count)> accounts, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var vms = await db.VirtualMachines.AsNoTracking()
            .GroupBy(v => new { v.Source, Measured = db.DailyMetrics.Any(m => m.ResourceId == v.ResourceId) })
            .Select(g => new { g.Key.Source, g.Key.Measured, Count = g.Count() })
            .ToListAsync(ct);
        int Vms(Func<string, bool, bool> which) => vms.Where(v => which(v.Source, v.Measured)).Sum(v => v.Count);
        return new DataBasis(Vms((_, _) => true), Vms((_, measured) => measured), Vms((source, measured) => source == CostDerived.InventorySource && !measured),
            accounts.Sum(a => a.Count), accounts.Where(a => a.Source == CostDerived.InventorySource).Sum(a => a.Count))
        {
            VmsFromAzureMonitor = Vms((source, measured) => source == AzureInventorySource && measured),
            VmsFromDemo = Vms((source, measured) => source == KnownSources.Demo && measured),
        };
    }

    /// <summary>
    /// Where each of <paramref name="resourceIds"/>' metrics came from: Azure Monitor for live Azure's VMs with metrics, demo
    /// for the demo tenant's, none otherwise (cost-only VMs, or VMs without a day of metrics). Ids not listed are none.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, MetricsSource>> MetricsSourcesAsync(CostSenseDbContext db, IReadOnlyCollection<string> resourceIds, CancellationToken ct)
    {
        var sources = new Dictionary<string, MetricsSource>(StringComparer.OrdinalIgnoreCase);
        if (resourceIds.Count == 0) return sources;
        var ids = resourceIds.Distinct().ToList();
        var vms = await db.VirtualMachines.AsNoTracking()
            .Where(v => ids.Contains(v.ResourceId))
            .Select(v => new { v.ResourceId, v.Source, Measured = db.DailyMetrics.Any(m => m.ResourceId == v.ResourceId) })
            .ToListAsync(ct);
        foreach (var v in vms)
            sources[v.ResourceId] = !v.Measured ? MetricsSource.None
                : v.Source == AzureInventorySource ? MetricsSource.AzureMonitor
                : v.Source == KnownSources.Demo ? MetricsSource.Demo
                : MetricsSource.None;
        return sources;
    }
}
