using System.Text.Json;
using CostSense.Core.Catalog;
using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;

namespace CostSense.Core.Sources.Demo;

/// <summary>
/// A generated tenant: its resources, and the cost rows and metrics they produce for every day from
/// <see cref="Start"/> to <see cref="End"/>. Every figure follows from the resources and the seed.
/// </summary>
public sealed class DemoTenant
{
    public const string Source = KnownSources.Demo;
    public const string Currency = "USD";

    internal DemoTenant(int seed, DateOnly start, DateOnly end, string billingAccountId, IReadOnlyList<DemoSubscription> subscriptions,
        IReadOnlyList<DemoResourceGroup> groups, IReadOnlyList<DemoVm> vms, IReadOnlyList<DemoStorage> storage,
        IReadOnlyList<DemoServiceResource> services, IReadOnlyList<DemoIncident> incidents)
    {
        _noise = new Noise(seed);
        (Start, End, BillingAccountId, Subscriptions, ResourceGroups, Vms, Storage, Services, Incidents) =
            (start, end, billingAccountId, subscriptions, groups, vms, storage, services, incidents);
    }

    private readonly Noise _noise;

    public DateOnly Start { get; }
    /// <summary>Last day with data (inclusive).</summary>
    public DateOnly End { get; }
    public string BillingAccountId { get; }
    public IReadOnlyList<DemoSubscription> Subscriptions { get; }
    public IReadOnlyList<DemoResourceGroup> ResourceGroups { get; }
    public IReadOnlyList<DemoVm> Vms { get; }
    public IReadOnlyList<DemoStorage> Storage { get; }
    public IReadOnlyList<DemoServiceResource> Services { get; }
    /// <summary>The anomalies planted in the history, for an analyst (and the anomaly tests) to find.</summary>
    public IReadOnlyList<DemoIncident> Incidents { get; }

    /// <summary>All cost rows, day by day.</summary>
    public IEnumerable<CostRecord> CostRows()
    {
        for (var day = Start; day <= End; day = day.AddDays(1))
            foreach (var row in CostRows(day))
                yield return row;
    }

    public IEnumerable<CostRecord> CostRows(DateOnly day)
    {
        foreach (var vm in Vms)
        {
            if (day < vm.Created) continue;
            var hours = vm.BilledHours(day);
            if (hours > 0)
            {
                var cost = vm.Size.HourlyPrice * (decimal)hours;
                yield return Row(day, vm.Group, vm.Inventory.ResourceId, vm.Inventory.Name, "microsoft.compute/virtualmachines",
                    "Virtual Machines", "Compute", vm.Size.Name, cost, (decimal)hours, "Hours", vm.Inventory.Tags);
            }
            var disk = Round(StoragePriceCatalog.DiskPerMonth(vm.DiskSku) * 12m / 365m);
            yield return Row(day, vm.Group, DiskId(vm), $"{vm.Inventory.Name}-osdisk", "microsoft.compute/disks",
                "Virtual Machines", "Compute", vm.DiskSku, disk, Round(12m / 365m), "1/Month", vm.Inventory.Tags);
        }

        foreach (var sa in Storage)
        {
            if (day < sa.Created) continue;
            var a = sa.Inventory;
            var gib = (decimal)CapacityOn(sa, day);
            var gbMonths = gib * 12m / 365m;
            yield return Row(day, sa.Group, a.ResourceId, a.Name, "microsoft.storage/storageaccounts", "Storage Accounts", "Storage",
                $"{a.AccessTier} {ReplicationName(a.Replication)} Data Stored", Round(gbMonths * StoragePriceCatalog.CapacityPerGbMonth(a.AccessTier, a.Replication)),
                Round(gbMonths), "GB/Month", a.Tags);

            var activity = (CostAnalytics.IsWeekend(day) ? sa.WeekendActivity : 1.0) * _noise.Around(sa.Key, day, 0.2, salt: 11);
            var reads = (decimal)Math.Round(a.ReadTransactionsPerDay * activity);
            var writes = (decimal)Math.Round(a.WriteTransactionsPerDay * activity);
            var ops = reads / 10_000m * StoragePriceCatalog.ReadPer10K(a.AccessTier) + writes / 10_000m * StoragePriceCatalog.WritePer10K(a.AccessTier);
            if (ops > 0)
                yield return Row(day, sa.Group, a.ResourceId, a.Name, "microsoft.storage/storageaccounts", "Storage Accounts", "Storage",
                    $"{a.AccessTier} Operations", Round(ops), (reads + writes) / 10_000m, "10K", a.Tags);
        }

        foreach (var s in Services)
        {
            var quantity = Round((decimal)ServiceQuantity(s, day));
            if (quantity == 0) continue;
            yield return Row(day, s.Group, ServiceId(s), s.Name, s.ResourceType, s.ServiceName, s.ServiceCategory, s.Sku,
                Round(quantity * UnitPriceOn(s, day)), quantity, s.Unit, GroupTags(s.Group, null));
        }
    }

    /// <summary>Daily metrics of every VM on the days it ran.</summary>
    public IEnumerable<DailyMetric> Metrics()
    {
        for (var day = Start; day <= End; day = day.AddDays(1))
            foreach (var vm in Vms)
                if (Metric(vm, day) is { } m)
                    yield return m;
    }

    public DailyMetric? Metric(DemoVm vm, DateOnly day)
    {
        var hours = vm.RunningHours(day);
        if (hours <= 0) return null;
        // User-facing workloads are quieter at weekends.
        var weekend = CostAnalytics.IsWeekend(day) && vm.Workload is "web" or "api" ? 0.65 : 1.0;
        var cpuAvg = Math.Clamp(vm.CpuBase * weekend * _noise.Around(vm.Key, day, 0.15, salt: 1), 0.1, 99);
        var cpuP95 = Math.Clamp(cpuAvg * vm.PeakRatio * _noise.Around(vm.Key, day, 0.05, salt: 2), cpuAvg, 100);
        var cpuMax = Math.Clamp(cpuP95 * (1.1 + 0.25 * _noise.Unit(vm.Key, day, salt: 3)), cpuP95, 100);
        var memAvg = Math.Clamp(vm.MemoryBase * _noise.Around(vm.Key, day, 0.06, salt: 4), 1, 97);
        var memP95 = Math.Clamp(memAvg * 1.08, memAvg, 99);
        var memMax = Math.Clamp(memP95 * 1.04, memP95, 100);
        return new DailyMetric
        {
            ResourceId = vm.Inventory.ResourceId, Date = day, HoursRunning = hours,
            CpuAverage = Math.Round(cpuAvg, 2), CpuP95 = Math.Round(cpuP95, 2), CpuMax = Math.Round(cpuMax, 2),
            MemoryAverage = Math.Round(memAvg, 2), MemoryP95 = Math.Round(memP95, 2), MemoryMax = Math.Round(memMax, 2),
            NetworkMiB = Math.Round(vm.NetworkMiB * weekend * _noise.Around(vm.Key, day, 0.3, salt: 5) * hours / 24, 1),
        };
    }

    public double CapacityOn(DemoStorage sa, DateOnly day)
    {
        // Linear growth from the capacity at the start of the history to today's.
        var from = sa.Created > Start ? sa.Created : Start;
        var span = Math.Max(1, End.DayNumber - from.DayNumber);
        var f = Math.Clamp((double)(day.DayNumber - from.DayNumber) / span, 0, 1);
        return Math.Round(sa.GiBAtStart + (sa.Inventory.UsedCapacityGiB - sa.GiBAtStart) * f, 3);
    }

    public double ServiceQuantity(DemoServiceResource s, DateOnly day)
    {
        var q = CostAnalytics.IsWeekend(day) ? s.WeekendQuantity : s.WeekdayQuantity;
        var daysInMonth = DateTime.DaysInMonth(day.Year, day.Month);
        if (day.Day > daysInMonth - 3) q *= s.MonthEndFactor;
        var months = (day.Year - Start.Year) * 12 + day.Month - Start.Month;
        q *= 1 + s.MonthlyGrowth * months;
        if (s.Noise > 0) q *= _noise.Around(s.Key, day, s.Noise, salt: 21);
        foreach (var incident in Incidents)
            if (incident.Covers(s, day)) q *= incident.Factor;
        return q;
    }

    /// <summary>The resource's unit price on a day: its list price, lowered from a planted price drop on.</summary>
    public decimal UnitPriceOn(DemoServiceResource s, DateOnly day)
    {
        var price = s.UnitPrice;
        foreach (var incident in Incidents)
            if (incident.LowersPrice(s, day)) price = Math.Round(price * (decimal)incident.Factor, 6, MidpointRounding.AwayFromZero);
        return price;
    }

    private CostRecord Row(DateOnly day, DemoResourceGroup g, string resourceId, string name, string type, string service, string category,
        string sku, decimal cost, decimal quantity, string unit, string? tags) => new()
        {
            Source = Source,
            ChargePeriodStart = day,
            BillingAccountId = BillingAccountId,
            SubAccountId = g.Subscription.Id,
            SubAccountName = g.Subscription.Name,
            ResourceGroup = g.Name,
            ResourceId = resourceId,
            ResourceName = name,
            ResourceType = type,
            ServiceName = service,
            ServiceCategory = category,
            RegionId = g.Region,
            SkuId = sku,
            BilledCost = cost,
            EffectiveCost = cost,
            ListCost = cost,
            BillingCurrency = Currency,
            ConsumedQuantity = quantity,
            ConsumedUnit = unit,
            Tags = tags,
            TagEnvironment = g.Environment,
            TagCostCenter = g.CostCenter,
        };

    internal static string GroupTags(DemoResourceGroup g, IEnumerable<KeyValuePair<string, string>>? extra)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["cost-center"] = g.CostCenter, ["environment"] = g.Environment };
        foreach (var (k, v) in extra ?? []) tags[k] = v;
        return JsonSerializer.Serialize(tags);
    }

    internal static string ReplicationName(Replication r) => r == Replication.RAGRS ? "RA-GRS" : r.ToString();
    private static string DiskId(DemoVm vm) => $"{vm.Group.Id}/providers/Microsoft.Compute/disks/{vm.Inventory.Name}-osdisk";
    internal static string ServiceId(DemoServiceResource s) => $"{s.Group.Id}/providers/{s.ResourceType}/{s.Name}";
    private static decimal Round(decimal d) => Math.Round(d, 6, MidpointRounding.AwayFromZero);
}
