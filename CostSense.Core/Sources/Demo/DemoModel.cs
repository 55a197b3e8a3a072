using CostSense.Core.Catalog;
using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;

namespace CostSense.Core.Sources.Demo;

public enum RgKind { Web, Api, Data, DevApps, Network, Aks, Monitoring, Batch, Sandbox, Analytics }

public enum VmProfile { Idle, Underused, RightSized, Hot }

public enum VmSchedule { AlwaysOn, WeekdayBusinessHours }

public sealed record DemoSubscription(string Id, string Name);

public sealed record DemoResourceGroup(string Name, DemoSubscription Subscription, string Environment, string CostCenter, string Region, RgKind Kind)
{
    public string Id => $"/subscriptions/{Subscription.Id}/resourceGroups/{Name}";
}

/// <summary>A VM and what drives its cost and metrics day by day.</summary>
public sealed record DemoVm(
    int Key, VirtualMachine Inventory, VmSize Size, DemoResourceGroup Group, string Workload, VmProfile Profile,
    VmSchedule Schedule, DateOnly Created, double CpuBase, double PeakRatio, double MemoryBase, double NetworkMiB,
    string DiskSku, string Owner)
{
    /// <summary>Hours billed for compute on a day: the hours it ran, or 24 when stopped but not deallocated.</summary>
    public double BilledHours(DateOnly day)
    {
        if (day < Created) return 0;
        if (day >= Inventory.PowerStateSince && Inventory.PowerState == PowerState.Deallocated) return 0;
        if (day >= Inventory.PowerStateSince && Inventory.PowerState == PowerState.Stopped) return 24;
        return RunningHours(day);
    }

    /// <summary>Days a weekday-hours VM was left running around the clock after a test (a planted incident), or null.</summary>
    public (DateOnly From, DateOnly To)? LeftRunning { get; init; }

    /// <summary>Hours the guest actually ran (and produced metrics) on a day.</summary>
    public double RunningHours(DateOnly day)
    {
        if (day < Created) return 0;
        if (day >= Inventory.PowerStateSince && Inventory.PowerState != PowerState.Running) return 0;
        if (LeftRunning is { } left && day >= left.From && day <= left.To) return 24;
        return Schedule == VmSchedule.WeekdayBusinessHours && CostAnalytics.IsWeekend(day) ? 0
             : Schedule == VmSchedule.WeekdayBusinessHours ? 12 : 24;
    }

}

public sealed record DemoStorage(int Key, StorageAccount Inventory, DemoResourceGroup Group, DateOnly Created, double GiBAtStart, double WeekendActivity);

/// <summary>
/// A non-VM resource billed by quantity: <c>cost = quantity × unit price</c>, where the quantity follows
/// the working week (weekday/weekend), rises at month end and grows slowly over the history.
/// </summary>
public sealed record DemoServiceResource(
    int Key, string Name, DemoResourceGroup Group, string ServiceName, string ServiceCategory, string ResourceType, string Sku,
    string Unit, decimal UnitPrice, double WeekdayQuantity, double WeekendQuantity, double MonthEndFactor, double Noise,
    double MonthlyGrowth);

/// <summary>The kinds of incident the demo tenant plants, as FinOps teams meet them.</summary>
public enum DemoIncidentKind
{
    /// <summary>A resource's usage multiplied for a few days (debug logging left on, a viral campaign).</summary>
    UsageSurge,
    /// <summary>A scale set's node count multiplied for a few days.</summary>
    ScaleOut,
    /// <summary>A weekday-hours VM billed around the clock for a few days after a test.</summary>
    LeftRunning,
    /// <summary>Data transfer multiplied for a few days.</summary>
    EgressSurge,
    /// <summary>A unit price that falls from one day on and stays down: a new, lower level.</summary>
    PriceDrop,
}

/// <summary>
/// A planted cost anomaly: what happened (<see cref="Kind"/>), to which resource, on which days, and by what factor (of the
/// quantity, of the hours, or of the unit price for a price drop), so an analyst and the anomaly tests can find it and
/// check the driver named.
/// </summary>
public sealed record DemoIncident(DemoIncidentKind Kind, int ResourceKey, string ResourceId, string ResourceName, string ServiceName,
    DemoResourceGroup Group, DateOnly From, DateOnly To, double Factor, string Description)
{
    /// <summary>Whether the incident multiplies this service resource's quantity on the day.</summary>
    public bool Covers(DemoServiceResource r, DateOnly day) =>
        Kind is not (DemoIncidentKind.LeftRunning or DemoIncidentKind.PriceDrop) && r.Key == ResourceKey && day >= From && day <= To;

    /// <summary>Whether the incident is this service resource's price drop, in force on the day.</summary>
    public bool LowersPrice(DemoServiceResource r, DateOnly day) =>
        Kind == DemoIncidentKind.PriceDrop && r.Key == ResourceKey && day >= From && day <= To;
}
