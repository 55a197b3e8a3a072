using CostSense.Core.Catalog;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Sources.Demo;

namespace CostSense.Tests.Recommendations.Rules;

/// <summary>
/// Rule inputs from a demo tenant, by hand, the way the engine is meant to: the window is the last `lookback` days up to
/// the tenant's last day; costs over it are scaled to 730 hours.
/// </summary>
internal static class DemoUsages
{
    public static (List<VmUsage> Vms, List<StorageUsage> Storage) Build(DemoTenant tenant, int lookback)
    {
        var from = tenant.End.AddDays(1 - lookback);
        var days = Enumerable.Range(0, lookback).Select(from.AddDays).ToList();
        var cost = days.SelectMany(tenant.CostRows)
            .GroupBy(r => (r.ResourceId, r.ResourceType))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.EffectiveCost));
        var toMonth = VmSize.HoursPerMonth / (lookback * 24m);
        decimal Monthly(string id, string type) => cost.GetValueOrDefault((id, type)) * toMonth;

        var vms = tenant.Vms.Select(vm =>
        {
            var metrics = days.Select(d => tenant.Metric(vm, d)).OfType<DailyMetric>().ToList();
            var any = metrics.Count > 0;
            var diskId = $"{vm.Group.Id}/providers/Microsoft.Compute/disks/{vm.Inventory.Name}-osdisk";
            return new VmUsage(vm.Inventory, lookback, metrics.Count,
                any ? metrics.Average(m => m.CpuP95) : null, any ? metrics.Average(m => m.CpuAverage) : null,
                any ? metrics.Max(m => m.CpuMax) : null, any ? metrics.Average(m => m.MemoryP95) : null,
                any ? metrics.Max(m => m.MemoryMax) : null, any ? metrics.Average(m => m.NetworkMiB) : null,
                metrics.Sum(m => m.HoursRunning) / (lookback * 24.0),
                Monthly(vm.Inventory.ResourceId, "microsoft.compute/virtualmachines"), Monthly(diskId, "microsoft.compute/disks"));
        }).ToList();
        var storage = tenant.Storage
            .Select(s => new StorageUsage(s.Inventory, lookback, Monthly(s.Inventory.ResourceId, "microsoft.storage/storageaccounts")))
            .ToList();
        return (vms, storage);
    }
}
