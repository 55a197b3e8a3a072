using CostSense.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Recommendations.CostOnly;

/// <summary>Reads the <see cref="DataBasis"/> from the inventory and its metrics, for the grids' notice and per-row basis.</summary>
public sealed class DataBasisReader(IDbContextFactory<CostSenseDbContext> dbFactory)
{
    public async Task<DataBasis> ReadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var measured = db.DailyMetrics.Select(m => m.ResourceId).Distinct();
        var vms = await db.VirtualMachines.CountAsync(ct);
        var withMetrics = await db.VirtualMachines.CountAsync(v => measured.Contains(v.ResourceId), ct);
        var costOnlyVms = await db.VirtualMachines.CountAsync(v => v.Source == CostDerived.InventorySource && !measured.Contains(v.ResourceId), ct);
        var accounts = await db.StorageAccounts.CountAsync(ct);
        var costOnlyAccounts = await db.StorageAccounts.CountAsync(a => a.Source == CostDerived.InventorySource, ct);
        return new DataBasis(vms, withMetrics, costOnlyVms, accounts, costOnlyAccounts);
    }
}
