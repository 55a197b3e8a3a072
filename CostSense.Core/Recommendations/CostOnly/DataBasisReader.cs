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

    public async Task<DataBasis> ReadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var measured = db.DailyMetrics.Select(m => m.ResourceId).Distinct();
        var vms = await db.VirtualMachines.CountAsync(ct);
        var withMetrics = await db.VirtualMachines.CountAsync(v => measured.Contains(v.ResourceId), ct);
        var costOnlyVms = await db.VirtualMachines.CountAsync(v => v.Source == CostDerived.InventorySource && !measured.Contains(v.ResourceId), ct);
        var accounts = await db.StorageAccounts.CountAsync(ct);
        var costOnlyAccounts = await db.StorageAccounts.CountAsync(a => a.Source == CostDerived.InventorySource, ct);
        var azure = await db.VirtualMachines.CountAsync(v => v.Source == AzureInventorySource && measured.Contains(v.ResourceId), ct);
        var demo = await db.VirtualMachines.CountAsync(v => v.Source == KnownSources.Demo && measured.Contains(v.ResourceId), ct);
        return new DataBasis(vms, withMetrics, costOnlyVms, accounts, costOnlyAccounts) { VmsFromAzureMonitor = azure, VmsFromDemo = demo };
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
