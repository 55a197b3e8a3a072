using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Inventory;
using CostSense.Core.Recommendations.CostOnly;
using CostSense.Core.Sources.Demo;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Sources.Azure.Inventory;

/// <summary>
/// The inventory step of a sync: every subscription's VMs (size, OS, tags, disks, power state) and storage accounts (kind,
/// SKU, access tier, tags) read from Azure first, then written as the <see cref="AzureSources.Inventory"/> source in one
/// transaction. The VMs' daily metrics belong to the metrics step and stay for the VMs that remain; the storage accounts'
/// usage (capacity, transactions, last access) is carried over for the same reason. Azure's inventory wins over the one
/// derived from cost rows for the resources it lists, and the demo tenant steps aside.
/// </summary>
internal sealed class AzureInventoryStep(AzureVmReader vmReader, AzureStorageReader storageReader, IDbContextFactory<CostSenseDbContext> dbFactory,
    DemoStepAside demo) : IAzureSyncStep
{
    public AzureSyncStep Step => AzureSyncStep.Inventory;

    public async Task<AzureStepOutcome> RunAsync(AzureSyncContext context, CancellationToken ct)
    {
        var vms = new List<AzureVm>();
        var accounts = new List<StorageAccount>();
        foreach (var subscription in context.Subscriptions)
        {
            var subVms = await vmReader.ReadAsync(subscription, ct);
            var subAccounts = await storageReader.ReadAsync(subscription, ct);
            vms.AddRange(subVms);
            accounts.AddRange(subAccounts);
            context.Progress.Report($"{subscription.DisplayName}: {Count(subVms.Count, "VM", "VMs")}, {Count(subAccounts.Count, "storage account", "storage accounts")}");
        }
        // An id listed twice (a subscription given twice) is written once.
        var distinctVms = vms.DistinctBy(v => v.Vm.ResourceId).ToList();
        var distinctAccounts = accounts.DistinctBy(a => a.ResourceId).ToList();
        var today = DateOnly.FromDateTime(context.StartedAt.UtcDateTime);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(c);
            var stored = await db.VirtualMachines.AsNoTracking().Where(v => v.Source == AzureSources.Inventory)
                .Select(v => new { v.ResourceId, v.PowerState, v.PowerStateSince }).ToDictionaryAsync(v => v.ResourceId, c);
            var storedAccounts = await db.StorageAccounts.AsNoTracking().Where(a => a.Source == AzureSources.Inventory).ToDictionaryAsync(a => a.ResourceId, c);
            var rows = distinctVms.Select(v => WithPowerState(v, stored.TryGetValue(v.Vm.ResourceId, out var s) ? (s.PowerState, s.PowerStateSince) : null, today)).ToList();
            var accountRows = distinctAccounts.Select(a => WithUsage(a, storedAccounts.GetValueOrDefault(a.ResourceId), today)).ToList();

            await demo.InTransactionAsync(db, Actor.System, "live Azure's inventory was synced", c);
            await RemoveCostDerivedAsync(db, rows.Select(v => v.ResourceId).Concat(accountRows.Select(a => a.ResourceId)).ToList(), c);
            await InventoryStore.ReplaceKeepingMetricsInTransactionAsync(db, AzureSources.Inventory, rows, accountRows, c);
            await tx.CommitAsync(c);
        }, ct);
        var subscriptions = context.Subscriptions.Count == 1 ? "1 subscription" : $"{context.Subscriptions.Count} subscriptions";
        return new AzureStepOutcome(distinctVms.Count + distinctAccounts.Count,
            $"{Count(distinctVms.Count, "VM", "VMs")} and {Count(distinctAccounts.Count, "storage account", "storage accounts")} in {subscriptions}");
    }

    private static string Count(int n, string one, string many) => $"{n:N0} {(n == 1 ? one : many)}";

    /// <summary>
    /// Since when the VM is in its power state: Azure's status time when it gives one; else the stored date when the state
    /// has not changed; else the sync's day (the state changed since the last sync, or the VM is new). A power state Azure
    /// did not say (unknown) keeps the stored one, or Running for a new VM.
    /// </summary>
    private static VirtualMachine WithPowerState(AzureVm read, (PowerState State, DateOnly Since)? stored, DateOnly today)
    {
        var vm = read.Vm;
        vm.PowerState = read.PowerState ?? stored?.State ?? PowerState.Running;
        if (read.PowerStateTime is { } time) vm.PowerStateSince = DateOnly.FromDateTime(time.UtcDateTime);
        else if (stored is { } s && s.State == vm.PowerState) vm.PowerStateSince = s.Since;
        else vm.PowerStateSince = today;
        return vm;
    }

    /// <summary>The usage the metrics step measured last stays with the account; a new account is taken as accessed today until measured.</summary>
    private static StorageAccount WithUsage(StorageAccount account, StorageAccount? stored, DateOnly today)
    {
        account.UsedCapacityGiB = stored?.UsedCapacityGiB ?? 0;
        account.ReadTransactionsPerDay = stored?.ReadTransactionsPerDay ?? 0;
        account.WriteTransactionsPerDay = stored?.WriteTransactionsPerDay ?? 0;
        account.SecondaryReadsPerDay = stored?.SecondaryReadsPerDay ?? 0;
        account.LastAccessed = stored?.LastAccessed ?? today;
        return account;
    }

    /// <summary>The cost-derived inventory's rows for resources Azure lists (ids compared lower case: EA files keep the portal's case).</summary>
    private static async Task RemoveCostDerivedAsync(CostSenseDbContext db, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        foreach (var chunk in ids.Chunk(500))
        {
            await db.VirtualMachines.Where(v => v.Source == CostDerived.InventorySource && chunk.Contains(v.ResourceId.ToLower())).ExecuteDeleteAsync(ct);
            await db.StorageAccounts.Where(a => a.Source == CostDerived.InventorySource && chunk.Contains(a.ResourceId.ToLower())).ExecuteDeleteAsync(ct);
        }
    }
}
