using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Sources.Demo;

/// <summary>
/// Real data and the demo never mix: a source that writes real rows calls this inside its own transaction first, and the
/// demo tenant's costs and inventory leave with an audit entry saying why.
/// </summary>
public sealed class DemoStepAside(AuditTrail audit)
{
    /// <summary>Removes the demo tenant, if any, in <paramref name="db"/>'s open transaction; returns the demo cost rows removed.</summary>
    public async Task<int> InTransactionAsync(CostSenseDbContext db, Actor actor, string because, CancellationToken ct)
    {
        if (!await db.CostRecords.AnyAsync(r => r.Source == KnownSources.Demo, ct)
            && !await db.VirtualMachines.AnyAsync(v => v.Source == KnownSources.Demo, ct)) return 0;
        var removed = await CostStore.RemoveSourceInTransactionAsync(db, KnownSources.Demo, ct);
        await InventoryStore.ReplaceInTransactionAsync(db, KnownSources.Demo, [], [], [], ct);
        db.AuditEntries.Add(audit.Entry(actor, AuditActions.DemoRemove, KnownSources.Demo,
            $"{removed:N0} demo cost rows and the demo inventory removed: {because}"));
        return removed;
    }
}
