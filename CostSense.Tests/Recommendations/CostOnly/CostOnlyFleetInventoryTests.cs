using System.Globalization;
using System.Text;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Imports;
using CostSense.Core.Imports.DerivedInventory;
using CostSense.Core.Recommendations.CostOnly;
using CostSense.Tests.Imports;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Recommendations.CostOnly;

/// <summary>
/// The cost-derived inventory of a fleet larger than one chunk of the window's ordered read and one batch of its inserts,
/// on SQLite and PostgreSQL: a resource whose rows straddle two chunks, or whose id is written in two casings, is still
/// one resource, and every VM and storage account is written with what its own rows say.
/// </summary>
public abstract class CostOnlyFleetInventoryTests
{
    private const string Subscription = "00000000-0000-0000-0000-000000000002";
    private const int Vms = 2_500, Accounts = 2_100;
    private static readonly DateOnly First = new(2026, 10, 26), Last = new(2026, 10, 31);
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Id(string type, string name) => $"/subscriptions/{Subscription}/resourceGroups/rg-fleet/providers/{type}/{name}";
    private static string VmId(int i) => Id("Microsoft.Compute/virtualMachines", $"vm-{i:0000}");

    // VM i bills D2s v3 (even) or D4s v3 (odd) hours from the 26th to the 31st less i % 3 days; on the 27th every tenth VM's
    // id is upper-cased, as EA files write some rows. Its OS disk is P10 (even) or P20 (odd). Account i holds i % 7 + 1
    // GB-months a day on the 31st.
    private static DateOnly LastRun(int i) => Last.AddDays(-(i % 3));

    private static string Csv()
    {
        var rows = new List<Dictionary<string, string>>();
        for (var i = 0; i < Vms; i++)
        {
            for (var day = First; day <= LastRun(i); day = day.AddDays(1))
                rows.Add(Row(day, day.Day == 27 && i % 10 == 0 ? VmId(i).ToUpperInvariant() : VmId(i), i % 2 == 0 ? "D2s v3" : "D4s v3", 24m, "Hours"));
            rows.Add(Row(Last, Id("Microsoft.Compute/disks", $"vm-{i:0000}_OsDisk_1_{i:x8}"), i % 2 == 0 ? "P10 LRS Disk" : "P20 LRS Disk", 1m / 31, "Units/Month"));
        }
        for (var i = 0; i < Accounts; i++)
            rows.Add(Row(Last, Id("Microsoft.Storage/storageAccounts", $"stfleet{i:0000}"), "Hot LRS Data Stored", i % 7 + 1, "GB/Month"));
        return GeneratedCsv.Write(GeneratedCsv.FocusCostHeader("FocusCost_1.0.json"), rows.ToArray());

        static Dictionary<string, string> Row(DateOnly day, string id, string meter, decimal quantity, string unit) => new()
        {
            ["ChargePeriodStart"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z",
            ["ChargePeriodEnd"] = day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z",
            ["BilledCost"] = "1.5", ["EffectiveCost"] = "1.5", ["ListCost"] = "1.5", ["BillingCurrency"] = "USD",
            ["BillingAccountId"] = "/providers/Microsoft.Billing/billingAccounts/ba-fleet", ["ProviderName"] = "Microsoft",
            ["SubAccountId"] = $"/subscriptions/{Subscription}", ["SubAccountName"] = "Fleet", ["ServiceName"] = "Virtual Machines",
            ["ServiceCategory"] = "Compute", ["RegionId"] = "eastus", ["RegionName"] = "East US", ["ChargeCategory"] = "Usage",
            ["PricingCategory"] = "Standard", ["ResourceId"] = id, ["ResourceName"] = id.Split('/')[^1], ["x_ResourceGroupName"] = "rg-fleet",
            ["ConsumedQuantity"] = quantity.ToString(CultureInfo.InvariantCulture), ["ConsumedUnit"] = unit, ["x_SkuMeterName"] = meter,
        };
    }

    [Fact]
    public async Task EveryVmAndAccount_OfAFleetLargerThanAChunk_IsWrittenOnce_WithWhatItsRowsSay()
    {
        await using var host = await CoreHost.StartAsync(Kind, new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero));
        var path = Path.Combine(Path.GetTempPath(), $"fleet-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, Csv(), Encoding.UTF8, Ct);
        try
        {
            await host.Get<CostImporter>().ImportFileAsync(Actor.System, ImportFile.FromPath(path), Ct);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal((Vms, Accounts), await host.Get<ImportedInventory>().RebuildAsync(Ct));

        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var vms = await db.VirtualMachines.AsNoTracking().Where(v => v.Source == CostDerived.InventorySource).ToListAsync(Ct);
        Assert.Equal(Enumerable.Range(0, Vms).Select(VmId), vms.Select(v => v.ResourceId).Order(StringComparer.Ordinal));
        foreach (var vm in vms)
        {
            var i = int.Parse(vm.Name[3..], CultureInfo.InvariantCulture);
            var running = LastRun(i) == Last;
            Assert.Equal(
                (i % 2 == 0 ? "Standard_D2s_v3" : "Standard_D4s_v3", running ? PowerState.Running : PowerState.Deallocated,
                    running ? First : LastRun(i).AddDays(1), i % 2 == 0 ? "P10 LRS" : "P20 LRS"),
                (vm.Size, vm.PowerState, vm.PowerStateSince, vm.DiskSku));
        }
        var accounts = await db.StorageAccounts.AsNoTracking().Where(a => a.Source == CostDerived.InventorySource).ToListAsync(Ct);
        Assert.Equal(Accounts, accounts.Count);
        // A day's GB-months × the month's 31 days is the GB held that day.
        Assert.All(accounts, a => Assert.Equal((int.Parse(a.Name[7..], CultureInfo.InvariantCulture) % 7 + 1) * 31d, a.UsedCapacityGiB));
    }
}

public sealed class SqliteCostOnlyFleetInventoryTests : CostOnlyFleetInventoryTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresCostOnlyFleetInventoryTests : CostOnlyFleetInventoryTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
