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

    /// <summary>Hours the guest actually ran (and produced metrics) on a day.</summary>
    public double RunningHours(DateOnly day)
    {
        if (day < Created) return 0;
        if (day >= Inventory.PowerStateSince && Inventory.PowerState != PowerState.Running) return 0;
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

/// <summary>A planted cost anomaly: a resource's quantity multiplied for a few days, as real incidents do.</summary>
public sealed record DemoIncident(DemoServiceResource Resource, DateOnly From, DateOnly To, double Factor, string Description)
{
    public bool Covers(DemoServiceResource r, DateOnly day) => r.Key == Resource.Key && day >= From && day <= To;
}
