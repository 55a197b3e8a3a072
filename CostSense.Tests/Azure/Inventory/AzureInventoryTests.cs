using System.Text.Json;
using Azure;
using CostSense.Core.Data.Entities;
using CostSense.Core.Sources.Azure;
using CostSense.Tests.Azure.Fake;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Azure.Inventory;

/// <summary>
/// The inventory step against the fake Azure, through the real ArmClient (Compute 1.2.0, generic resources) and REST
/// pipeline: every page read, sizes, power states, disks, tags, tiers and replication mapped, ids lower case; a failed
/// step keeps the previous inventory and metrics; the VMs' metrics survive a new inventory.
/// </summary>
public sealed class AzureInventoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static readonly FakeSubscription Production = new("AAAAAAAA-0000-0000-0000-000000000001", "Production");
    internal static readonly FakeSubscription Development = new("aaaaaaaa-0000-0000-0000-000000000002", "Development");

    /// <summary>Seven VMs in Production (four pages of two) and two in Development; six storage accounts across both.</summary>
    internal static FakeTenant Tenant()
    {
        var tenant = new FakeTenant();
        tenant.Subscriptions.AddRange([Production, Development]);
        var prod = Production.Id;
        tenant.Vms.AddRange(
        [
            new(prod, "RG-Web-Prod", "VM-Web-01", "Standard_D4s_v3", "EastUS", Tags: new Dictionary<string, string> { ["Workload"] = "web", ["Environment"] = "prod", ["owner"] = "a@contoso.com" }, Zones: ["1"]),
            new(prod, "RG-Web-Prod", "VM-Web-02", "Standard_D4s_v3", "EastUS", PowerState: "stopped", Tags: new Dictionary<string, string> { ["workload"] = "web" }),
            new(prod, "rg-db-prod", "vm-db-01", "Standard_E8s_v5", "westus2", OsType: "Windows", OsDiskGiB: 512, OsDiskSku: "Premium_LRS"),
            new(prod, "rg-batch-dev", "vm-batch-01", "Standard_B2ms", "eastus", PowerState: "deallocated", OsDiskGiB: 64, OsDiskSku: "StandardSSD_LRS"),
            new(prod, "rg-batch-dev", "vm-batch-02", "Standard_B2ms", "eastus", PowerState: "deallocating", OsDiskSku: "Standard_LRS"),
            new(prod, "rg-gpu", "vm-gpu-01", "Standard_NV6ads_A10_v5", "eastus", PowerState: "starting"),
            new(prod, "rg-misc", "vm-misc-01", "Standard_D4s_v3", "eastus"),
            new(Development.Id, "rg-dev", "vm-dev-01", "Standard_B2ms", "eastus2"),
            new(Development.Id, "rg-dev", "vm-dev-02", "Standard_B2ms", "eastus2", PowerState: "stopping"),
        ]);
        tenant.StorageAccounts.AddRange(
        [
            new(prod, "RG-Data", "stLogsProd", "EastUS", Sku: "Standard_RAGRS", AccessTier: "Cool", Tags: new Dictionary<string, string> { ["purpose"] = "logs", ["environment"] = "prod" }),
            new(prod, "rg-data", "stbackups", "eastus", Sku: "Standard_GZRS", AccessTier: "Cold"),
            new(prod, "rg-data", "stgeo", "eastus", Sku: "Standard_RAGZRS"),
            new(prod, "rg-data", "stpremium", "eastus", Kind: "BlockBlobStorage", Sku: "Premium_ZRS"),
            new(prod, "rg-data", "stplain", "westus2", Sku: "Standard_GRS", AccessTier: "Hot"),
            new(Development.Id, "rg-dev", "stdev", "eastus2"),
        ]);
        return tenant;
    }

    private static readonly Dictionary<string, (int, int)> GpuSizes = new() { ["Standard_NV6ads_A10_v5"] = (6, 56 * 1024) };

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task EveryPageIsRead_AndEachVmAndAccountIsMappedAsAzureDescribesIt(StoreKind kind)
    {
        var tenant = Tenant();
        await using var bed = await LiveAzureBed.StartAsync(kind, Now, tenant, sizes: GpuSizes);
        var progress = new List<string>();

        var outcome = await bed.RunAsync(AzureSyncStep.Inventory, progress);

        var vms = await bed.ReadAsync(db => db.VirtualMachines.AsNoTracking().ToDictionaryAsync(v => v.Name, Ct));
        var accounts = await bed.ReadAsync(db => db.StorageAccounts.AsNoTracking().ToDictionaryAsync(a => a.Name, Ct));
        Assert.Equal(tenant.Vms.Select(v => v.Id.ToLowerInvariant()).Order(), vms.Values.Select(v => v.ResourceId).Order());
        Assert.Equal(tenant.StorageAccounts.Select(a => a.Id.ToLowerInvariant()).Order(), accounts.Values.Select(a => a.ResourceId).Order());
        Assert.All(vms.Values, v => Assert.Equal((AzureSources.Inventory, v.ResourceId.ToLowerInvariant(), v.Region.ToLowerInvariant()), (v.Source, v.ResourceId, v.Region)));
        Assert.All(accounts.Values, a => Assert.Equal((AzureSources.Inventory, a.ResourceId.ToLowerInvariant()), (a.Source, a.ResourceId)));
        Assert.Equal(tenant.Vms.Count + tenant.StorageAccounts.Count, outcome.Items);
        Assert.Equal(["Production: 7 VMs, 5 storage accounts", "Development: 2 VMs, 1 storage account"], progress);
        // Seven VMs two a page: four pages, for the model and again for the statuses; no per-VM instance view call.
        var vmLists = bed.Azure.Requests.Where(r => r.Path.Equals($"/subscriptions/{Production.Id}/providers/Microsoft.Compute/virtualMachines", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(8, vmLists.Count);
        Assert.Equal(4, vmLists.Count(r => r.PathAndQuery.Contains("statusOnly=true")));
        Assert.DoesNotContain(bed.Azure.Requests, r => r.Path.EndsWith("/instanceView", StringComparison.OrdinalIgnoreCase));

        var web = vms["VM-Web-01"];
        Assert.Equal(("Standard_D4s_v3", 4, 16d, "Linux", PowerState.Running, Today), (web.Size, web.VCpus, web.MemoryGiB, web.OsType, web.PowerState, web.PowerStateSince));
        Assert.Equal((Production.Id.ToLowerInvariant(), "RG-Web-Prod", "eastus"), (web.SubscriptionId, web.ResourceGroup, web.Region));
        Assert.Equal(("web", "prod", 128, "P10", "1"), (web.Workload, web.Environment, web.DiskSizeGiB, web.DiskSku, web.Zones));
        Assert.Null(vms["VM-Web-02"].Zones);
        Assert.Equal(new Dictionary<string, string> { ["Environment"] = "prod", ["Workload"] = "web", ["owner"] = "a@contoso.com" },
            JsonSerializer.Deserialize<Dictionary<string, string>>(web.Tags!));
        Assert.Equal((PowerState.Stopped, "prod"), (vms["VM-Web-02"].PowerState, vms["VM-Web-02"].Environment)); // from the group's name
        var db = vms["vm-db-01"];
        Assert.Equal(("Windows", 8, 64d, "westus2", 512, "P20"), (db.OsType, db.VCpus, db.MemoryGiB, db.Region, db.DiskSizeGiB, db.DiskSku));
        Assert.Equal((PowerState.Deallocated, "E6", "dev"), (vms["vm-batch-01"].PowerState, vms["vm-batch-01"].DiskSku, vms["vm-batch-01"].Environment));
        Assert.Equal((PowerState.Deallocated, "S10"), (vms["vm-batch-02"].PowerState, vms["vm-batch-02"].DiskSku));
        Assert.Equal(PowerState.Stopped, vms["vm-dev-02"].PowerState);
        // A size the catalogue lacks: cores and memory from the location's VM sizes list.
        var gpu = vms["vm-gpu-01"];
        Assert.Equal((6, 56d, PowerState.Running), (gpu.VCpus, gpu.MemoryGiB, gpu.PowerState));
        Assert.Null(gpu.Environment);

        Assert.Equal((AccessTier.Cool, Replication.RAGRS, "logs", "prod", "StorageV2"),
            (accounts["stLogsProd"].AccessTier, accounts["stLogsProd"].Replication, accounts["stLogsProd"].Purpose, accounts["stLogsProd"].Environment, accounts["stLogsProd"].Kind));
        Assert.Equal((AccessTier.Cold, Replication.GRS), (accounts["stbackups"].AccessTier, accounts["stbackups"].Replication));
        Assert.Equal((AccessTier.Hot, Replication.RAGRS), (accounts["stgeo"].AccessTier, accounts["stgeo"].Replication));
        Assert.Equal((AccessTier.Hot, Replication.ZRS, "BlockBlobStorage"), (accounts["stpremium"].AccessTier, accounts["stpremium"].Replication, accounts["stpremium"].Kind));
        Assert.Equal((AccessTier.Hot, Replication.GRS, "westus2"), (accounts["stplain"].AccessTier, accounts["stplain"].Replication, accounts["stplain"].Region));
        Assert.Equal((Replication.LRS, Today), (accounts["stdev"].Replication, accounts["stdev"].LastAccessed));
        // The access tier is read from each account with a storage api-version, since the list leaves properties out.
        Assert.Equal(tenant.StorageAccounts.Count, bed.Azure.Requests.Count(r => r.Path.Contains("/providers/Microsoft.Storage/storageAccounts/") && r.PathAndQuery.Contains("api-version=2023-05-01")));
    }

    [Fact]
    public async Task PowerStateSince_StaysWhileTheStateHolds_AndMovesToTheSyncDayWhenItChanges()
    {
        var tenant = Tenant();
        await using var bed = await LiveAzureBed.StartAsync(StoreKind.Sqlite, Now, tenant, sizes: GpuSizes);
        await bed.RunAsync(AzureSyncStep.Inventory);

        bed.Host.Time.Advance(TimeSpan.FromDays(3));
        var i = tenant.Vms.FindIndex(v => v.Name == "vm-misc-01");
        tenant.Vms[i] = tenant.Vms[i] with { PowerState = "deallocated" };
        var j = tenant.Vms.FindIndex(v => v.Name == "vm-dev-02");
        tenant.Vms[j] = tenant.Vms[j] with { PowerState = "unknown" };   // Azure cannot tell: the stored state stays
        await bed.RunAsync(AzureSyncStep.Inventory);

        var vms = await bed.ReadAsync(db => db.VirtualMachines.AsNoTracking().ToDictionaryAsync(v => v.Name, Ct));
        Assert.Equal((PowerState.Running, Today), (vms["VM-Web-01"].PowerState, vms["VM-Web-01"].PowerStateSince));
        Assert.Equal((PowerState.Deallocated, Today.AddDays(3)), (vms["vm-misc-01"].PowerState, vms["vm-misc-01"].PowerStateSince));
        Assert.Equal((PowerState.Stopped, Today), (vms["vm-dev-02"].PowerState, vms["vm-dev-02"].PowerStateSince));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task AFailedInventoryStep_LeavesThePreviousInventoryAndMetricsAsTheyWere(StoreKind kind)
    {
        var tenant = Tenant();
        var metrics = new FakeMetricData();
        foreach (var vm in tenant.Vms)
            metrics.Add(vm.Id, "Percentage CPU", new DateTimeOffset(Today.AddDays(-30).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), Enumerable.Range(0, 30 * 24).Select(h => (double?)(h % 17)).ToList());
        await using var bed = await LiveAzureBed.StartAsync(kind, Now, tenant, metrics, sizes: GpuSizes);
        await bed.RunAsync(AzureSyncStep.Inventory);
        await bed.RunAsync(AzureSyncStep.Metrics);
        var before = await bed.SnapshotAsync();
        Assert.Contains(before, l => l.StartsWith("m ", StringComparison.Ordinal));

        // Azure changed, but the storage accounts cannot be read: the VMs were read first, nothing is written.
        tenant.Vms.RemoveAt(0);
        tenant.StorageAccounts.RemoveAt(0);
        bed.Fail = ("/providers/Microsoft.Storage/storageAccounts/", 403, "AuthorizationFailed");
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => bed.RunAsync(AzureSyncStep.Inventory));

        Assert.Equal(403, e.Status);
        Assert.Equal(before, await bed.SnapshotAsync());
    }

    [Fact]
    public async Task ANewInventory_KeepsTheMetricsOfTheVmsThatRemain_AndDropsThoseOfVmsGone()
    {
        var tenant = Tenant();
        var metrics = new FakeMetricData();
        foreach (var vm in tenant.Vms)
            metrics.Add(vm.Id, "Percentage CPU", new DateTimeOffset(Today.AddDays(-30).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), Enumerable.Range(0, 30 * 24).Select(h => (double?)(h % 11)).ToList());
        await using var bed = await LiveAzureBed.StartAsync(StoreKind.Sqlite, Now, tenant, metrics, sizes: GpuSizes);
        await bed.RunAsync(AzureSyncStep.Inventory);
        await bed.RunAsync(AzureSyncStep.Metrics);
        var before = await bed.ReadAsync(db => db.DailyMetrics.AsNoTracking().GroupBy(m => m.ResourceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, Ct));
        var gone = tenant.Vms[0].Id.ToLowerInvariant();
        Assert.Equal(30, before[gone]);

        tenant.Vms.RemoveAt(0);
        await bed.RunAsync(AzureSyncStep.Inventory);

        var after = await bed.ReadAsync(db => db.DailyMetrics.AsNoTracking().GroupBy(m => m.ResourceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, Ct));
        Assert.Equal(before.Where(kv => kv.Key != gone).OrderBy(kv => kv.Key), after.OrderBy(kv => kv.Key));
    }
}
