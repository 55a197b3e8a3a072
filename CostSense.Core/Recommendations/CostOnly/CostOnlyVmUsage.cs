using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Recommendations.CostOnly;

/// <summary>
/// A VM's usage read from its cost rows alone, for VMs of the <see cref="CostDerived.InventorySource"/> inventory (no metrics):
/// hours run from the compute meter's consumed quantity (license and other hourly meters on the VM are not compute), pay-as-you-go compute cost, and the cost of the disks named after it.
/// </summary>
/// <param name="RunningShare">Compute hours in the window (each day capped at 24) ÷ hours in the window.</param>
/// <param name="PayAsYouGoCost">Effective cost of the window's pay-as-you-go compute rows (what a reservation would discount).</param>
/// <param name="DiskCost">Effective cost of the window's rows of the VM's disks (what deleting them saves).</param>
internal sealed record CostOnlyVmUsage(double RunningShare, decimal PayAsYouGoCost, decimal DiskCost)
{
    /// <summary>The cost-derived usage of each of <paramref name="vms"/> over [<paramref name="from"/>, <paramref name="asOf"/>].</summary>
    public static async Task<IReadOnlyDictionary<string, CostOnlyVmUsage>> ReadAsync(CostSenseDbContext db, IReadOnlyCollection<VirtualMachine> vms,
        DateOnly from, DateOnly asOf, int lookbackDays, CancellationToken ct)
    {
        var result = new Dictionary<string, CostOnlyVmUsage>(StringComparer.OrdinalIgnoreCase);
        if (vms.Count == 0) return result;
        // One read of the window's VM and disk rows; summed in memory (SQLite keeps decimals as text and cannot add them).
        var rows = await db.CostRecords.AsNoTracking()
            .Where(r => r.ChargePeriodStart >= from && r.ChargePeriodStart <= asOf && r.ResourceId != null
                && (r.ResourceId.ToLower().Contains(CostDerived.VmMarker) || r.ResourceId.ToLower().Contains(CostDerived.DiskMarker)))
            .Select(r => new { ResourceId = r.ResourceId!, r.ChargePeriodStart, Meter = r.SkuMeterName ?? r.ChargeDescription, r.ConsumedQuantity, r.ConsumedUnit, r.PricingCategory, r.EffectiveCost })
            .ToListAsync(ct);
        var byResource = rows.ToLookup(r => r.ResourceId, StringComparer.OrdinalIgnoreCase);
        var disks = rows.Where(r => CostDerived.IsDisk(r.ResourceId))
            .SelectMany(r => CostDerived.PossibleOwners(r.ResourceId).Select(key => (key, r)))
            .ToLookup(x => x.key, x => x.r);
        foreach (var vm in vms)
        {
            var compute = byResource[vm.ResourceId].Where(r => CostDerived.IsCompute(r.Meter, r.ConsumedUnit)).ToList();
            var hours = compute.GroupBy(r => r.ChargePeriodStart).Sum(g => Math.Min(24.0, (double)g.Sum(r => r.ConsumedQuantity ?? 0m)));
            result[vm.ResourceId] = new CostOnlyVmUsage(
                Math.Clamp(hours / (lookbackDays * 24.0), 0, 1),
                compute.Where(r => CostDerived.IsPayAsYouGo(r.PricingCategory)).Sum(r => r.EffectiveCost),
                disks[CostDerived.OwnerKey(vm.ResourceId)].Where(d => CostDerived.IsDiskOf(d.ResourceId, vm.ResourceId)).Sum(d => d.EffectiveCost));
        }
        return result;
    }
}
