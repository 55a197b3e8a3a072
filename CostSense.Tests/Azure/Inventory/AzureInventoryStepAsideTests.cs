using System.Text;
using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Core.Imports;
using CostSense.Core.Imports.DerivedInventory;
using CostSense.Core.Recommendations.CostOnly;
using CostSense.Core.Sources.Azure;
using CostSense.Tests.Azure.Fake;
using CostSense.Tests.Infrastructure;
using CostSense.Tests.Recommendations.CostOnly;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Azure.Inventory;

/// <summary>
/// Azure's inventory wins over the one derived from imported cost rows for the resources Azure lists, when Azure syncs
/// after the import and when the cost-derived inventory is rebuilt after the sync; the others stay cost-derived. The demo
/// tenant steps aside. A whole sync run twice gives the same rows.
/// </summary>
public sealed class AzureInventoryStepAsideTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 5, 9, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task TheCostDerivedInventory_StepsAsideForTheIdsAzureLists(StoreKind kind)
    {
        var tenant = new FakeTenant();
        var subscription = new FakeSubscription(CostOnlyFocusFile.Subscription, "Imported");
        tenant.Subscriptions.Add(subscription);
        // Azure lists vm-steady and stprodgrs, which the cost file also names (in the portal's case), and one VM of its own.
        tenant.Vms.Add(new(subscription.Id, "rg-app-prod", "vm-steady", "Standard_D2s_v3", "eastus"));
        tenant.Vms.Add(new(subscription.Id, "rg-app-prod", "vm-azure-only", "Standard_D2s_v3", "eastus"));
        tenant.StorageAccounts.Add(new(subscription.Id, "rg-app-prod", "stprodgrs", "eastus", Sku: "Standard_GRS"));
        await using var bed = await LiveAzureBed.StartAsync(kind, Now, tenant);
        var (csv, _) = CostOnlyFocusFile.Write();
        var path = Path.Combine(Path.GetTempPath(), $"azure-step-aside-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, csv, Encoding.UTF8, Ct);
        try
        {
            await bed.Host.Get<CostImporter>().ImportFileAsync(Actor.System, ImportFile.FromPath(path), Ct);
        }
        finally
        {
            File.Delete(path);
        }
        await bed.Host.Get<ImportedInventory>().RebuildAsync(Ct);
        Assert.Equal(3, await bed.ReadAsync(db => db.VirtualMachines.CountAsync(v => v.Source == CostDerived.InventorySource, Ct)));

        await bed.RunAsync(AzureSyncStep.Inventory);
        var afterSync = await Sources(bed);

        Assert.Equal(
        [
            ($"vm {CostOnlyFocusFile.VmParked.ToLowerInvariant()}", CostDerived.InventorySource),
            ($"vm {CostOnlyFocusFile.VmSpot.ToLowerInvariant()}", CostDerived.InventorySource),
            ($"vm {tenant.Vms[1].Id.ToLowerInvariant()}", AzureSources.Inventory),
            ($"vm {CostOnlyFocusFile.VmSteady.ToLowerInvariant()}", AzureSources.Inventory),
            ($"sa {CostOnlyFocusFile.DevGrs.ToLowerInvariant()}", CostDerived.InventorySource),
            ($"sa {CostOnlyFocusFile.IdleHot.ToLowerInvariant()}", CostDerived.InventorySource),
            ($"sa {CostOnlyFocusFile.ProdGrs.ToLowerInvariant()}", AzureSources.Inventory),
        ], afterSync);

        // A later import rebuilds the cost-derived inventory: it leaves out what Azure lists.
        var written = await bed.Host.Get<ImportedInventory>().RebuildAsync(Ct);
        Assert.Equal((2, 2), written);
        Assert.Equal(afterSync, await Sources(bed));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task ASyncRunTwice_GivesTheSameRows_AndTheDemoStepsAside(StoreKind kind)
    {
        var tenant = AzureInventoryTests.Tenant();
        var data = new FakeMetricData();
        var start = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var (vm, i) in tenant.Vms.Select((v, i) => (v, i)))
        {
            data.Add(vm.Id, "Percentage CPU", start, Enumerable.Range(0, 40 * 24).Select(h => (double?)((h + i) % 23)).ToList());
            data.Add(vm.Id, "Available Memory Bytes", start, Enumerable.Range(0, 40 * 24).Select(h => (double?)(h % 5 * 1e9)).ToList());
        }
        foreach (var a in tenant.StorageAccounts)
            data.Add(a.Id, "Transactions", start, Enumerable.Range(0, 40 * 24).Select(h => (double?)(h % 3)).ToList(), apiName: "GetBlob");
        await using var bed = await LiveAzureBed.StartAsync(kind, Now, tenant, data,
            sizes: new Dictionary<string, (int, int)> { ["Standard_NV6ads_A10_v5"] = (6, 56 * 1024) });
        await bed.Host.Get<CostSense.Core.Sources.Demo.IDemoTenantService>().GenerateAsync(Actor.System, Ct);
        Assert.True(await bed.ReadAsync(db => db.VirtualMachines.AnyAsync(v => v.Source == KnownSources.Demo, Ct)));
        var sync = bed.Host.Get<AzureSync>();

        var first = await sync.RunAsync("test", Ct);
        var once = await bed.SnapshotAsync();
        var second = await sync.RunAsync("test", Ct);

        foreach (var run in new[] { first!, second! })
            Assert.All(run.Steps.Where(s => s.Step is AzureSyncStep.Inventory or AzureSyncStep.Metrics), s => Assert.Equal(AzureSyncStatus.Succeeded, s.Status));
        Assert.Equal(once, await bed.SnapshotAsync());
        Assert.Contains(once, l => l.StartsWith("m ", StringComparison.Ordinal));
        Assert.False(await bed.ReadAsync(db => db.VirtualMachines.AnyAsync(v => v.Source == KnownSources.Demo, Ct)));
    }

    private static Task<List<(string, string)>> Sources(LiveAzureBed bed) => bed.ReadAsync(async db =>
        (await db.VirtualMachines.AsNoTracking().Select(v => new { v.ResourceId, v.Source }).ToListAsync(Ct)).OrderBy(v => v.ResourceId.ToLowerInvariant(), StringComparer.Ordinal).Select(v => ($"vm {v.ResourceId.ToLowerInvariant()}", v.Source))
        .Concat((await db.StorageAccounts.AsNoTracking().Select(a => new { a.ResourceId, a.Source }).ToListAsync(Ct)).OrderBy(a => a.ResourceId.ToLowerInvariant(), StringComparer.Ordinal).Select(a => ($"sa {a.ResourceId.ToLowerInvariant()}", a.Source)))
        .ToList());
}
