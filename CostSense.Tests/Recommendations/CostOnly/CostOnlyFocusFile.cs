using System.Globalization;
using CostSense.Tests.Imports;

namespace CostSense.Tests.Recommendations.CostOnly;

/// <summary>
/// A generated Azure FOCUS 1.0 export (the FocusCost_1.0.json header) of September and October 2026, one row per resource
/// and meter and day, with what the cost-only recommendations must find, and the numbers the tests compute the savings from:
/// <list type="bullet">
/// <item>vm-steady: D2s v3 pay-as-you-go, 24 hours every day (reservation).</item>
/// <item>vm-parked: D2s v3 running 24 h a day until 20 September, then none; its P10 OS disk (vm-parked_OsDisk_1_…) charges every day (delete).</item>
/// <item>vm-spot: D2s v3 Spot, 24 hours every day (no reservation applies to spot).</item>
/// <item>stdevgrs in rg-app-dev: Hot GRS, 930 GB, written every day (GRS → LRS).</item>
/// <item>stprodgrs in rg-app-prod: the same in production (kept).</item>
/// <item>stidlehot in rg-app-dev: Hot LRS, 310 GB, no read or write in the file (Hot → Cool).</item>
/// </list>
/// </summary>
internal static class CostOnlyFocusFile
{
    public const string Subscription = "00000000-0000-0000-0000-000000000001";
    public static readonly DateOnly First = new(2026, 9, 1), Last = new(2026, 10, 31);
    public static readonly DateOnly ParkedLastRun = new(2026, 9, 20);

    public const decimal VmHourly = 0.096m, SpotHourly = 0.0192m, DiskPerDay = 0.6358m;
    public const decimal GrsStoredPerDay = 1.2m, GrsGbMonthsPerDay = 30m, WritesPerDay = 0.025m, WriteBlocksPerDay = 0.5m;
    public const decimal IdleStoredPerDay = 0.2m, IdleGbMonthsPerDay = 10m;

    public static string Id(string rg, string type, string name) => $"/subscriptions/{Subscription}/resourceGroups/{rg}/providers/{type}/{name}";

    public static string VmSteady => Id("rg-app-prod", "Microsoft.Compute/virtualMachines", "vm-steady");
    public static string VmParked => Id("rg-app-dev", "Microsoft.Compute/virtualMachines", "vm-parked");
    public static string ParkedDisk => Id("rg-app-dev", "Microsoft.Compute/disks", "vm-parked_OsDisk_1_0a1b2c3d4e5f");
    public static string VmSpot => Id("rg-app-dev", "Microsoft.Compute/virtualMachines", "vm-spot");
    public static string DevGrs => Id("rg-app-dev", "Microsoft.Storage/storageAccounts", "stdevgrs");
    public static string ProdGrs => Id("rg-app-prod", "Microsoft.Storage/storageAccounts", "stprodgrs");
    public static string IdleHot => Id("rg-app-dev", "Microsoft.Storage/storageAccounts", "stidlehot");

    /// <summary>The rows, each as (resource id, day, effective cost) too, so a test sums what the file says.</summary>
    public static (string Csv, IReadOnlyList<(string ResourceId, DateOnly Day, decimal Cost, string Meter)> Rows) Write()
    {
        var rows = new List<Dictionary<string, string>>();
        var facts = new List<(string, DateOnly, decimal, string)>();
        for (var day = First; day <= Last; day = day.AddDays(1))
        {
            Add(day, VmSteady, "Virtual Machines", "Compute", "D2s v3", 24m, "Hours", 24m * VmHourly, "Standard", """{"environment":"prod"}""");
            if (day <= ParkedLastRun) Add(day, VmParked, "Virtual Machines", "Compute", "D2s v3", 24m, "Hours", 24m * VmHourly, "Standard", null);
            Add(day, ParkedDisk, "Storage", "Storage", "P10 LRS Disk", 1m / DateTime.DaysInMonth(day.Year, day.Month), "Units/Month", DiskPerDay, "Standard", null);
            Add(day, VmSpot, "Virtual Machines", "Compute", "D2s v3 Spot", 24m, "Hours", 24m * SpotHourly, "Dynamic", null);
            Add(day, IdleHot, "Storage", "Storage", "Hot LRS Data Stored", IdleGbMonthsPerDay, "GB/Month", IdleStoredPerDay, "Standard", null);
            if (day.Month != 10) continue;
            foreach (var account in new[] { DevGrs, ProdGrs })
            {
                Add(day, account, "Storage", "Storage", "Hot GRS Data Stored", GrsGbMonthsPerDay, "GB/Month", GrsStoredPerDay, "Standard", null);
                Add(day, account, "Storage", "Storage", "Hot GRS Write Operations", WriteBlocksPerDay, "10K", WritesPerDay, "Standard", null);
            }
        }
        return (GeneratedCsv.Write(GeneratedCsv.FocusCostHeader("FocusCost_1.0.json"), rows.ToArray()), facts);

        void Add(DateOnly day, string id, string service, string category, string meter, decimal quantity, string unit, decimal cost, string pricing, string? tags)
        {
            string Text(decimal d) => d.ToString(CultureInfo.InvariantCulture);
            var at = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
            var rg = id.Split('/')[4];
            rows.Add(new Dictionary<string, string>
            {
                ["ChargePeriodStart"] = at, ["ChargePeriodEnd"] = day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z",
                ["BilledCost"] = pricing == "Dynamic" || pricing == "Standard" ? Text(cost) : "0", ["EffectiveCost"] = Text(cost), ["ListCost"] = Text(cost),
                ["BillingCurrency"] = "USD", ["BillingAccountId"] = "/providers/Microsoft.Billing/billingAccounts/ba-cost-only", ["ProviderName"] = "Microsoft",
                ["SubAccountId"] = $"/subscriptions/{Subscription}", ["SubAccountName"] = "App", ["ServiceName"] = service, ["ServiceCategory"] = category,
                ["RegionId"] = "eastus", ["RegionName"] = "East US", ["ChargeCategory"] = "Usage", ["PricingCategory"] = pricing,
                ["ResourceId"] = id, ["ResourceName"] = id.Split('/')[^1], ["x_ResourceGroupName"] = rg,
                ["ConsumedQuantity"] = Text(quantity), ["ConsumedUnit"] = unit, ["x_SkuMeterName"] = meter, ["Tags"] = tags ?? "",
            });
            facts.Add((id, day, cost, meter));
        }
    }
}
