using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Recommendations.CostOnly;

/// <summary>Reads the <see cref="DataBasis"/> from the inventory and its metrics, for the grids' notice and per-row basis.</summary>
public sealed class DataBasisReader(IDbContextFactory<CostSenseDbContext> dbFactory)
{
    /// <summary>
    /// The inventory source live Azure writes its VMs under (Sources.Azure's AzureSources.Inventory, which this layer may not
    /// name; a test holds the two equal).
    /// </summary>
    public const string AzureInventorySource = "azure:inventory";

    /// <remarks>
    /// One pass over the VMs, each asking the metrics' (resource, date) index whether it has a day: the grids read this on
    /// every open, and counting against the distinct ids of every metric row (6.6 million at 20,000 VMs) cost a second a
    /// count under load.
    /// </remarks>
    public async Task<DataBasis> ReadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var vms = await db.VirtualMachines.AsNoTracking()
            .GroupBy(v => new { v.Source, Measured = db.DailyMetrics.Any(m => m.ResourceId == v.ResourceId) })
            .Select(g => new { g.Key.Source, g.Key.Measured, Count = g.Count() })
            .ToListAsync(ct);
        var accounts = await db.StorageAccounts.AsNoTracking().GroupBy(a => a.Source).Select(g => new { Source = g.Key, Count = g.Count() }).ToListAsync(ct);
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
