using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Inventory;
using CostSense.Core.Recommendations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Sources.Azure.Metrics;

/// <summary>
/// The metrics step of a sync: hourly utilization of the <see cref="AzureSources.Inventory"/> VMs (CPU, available memory,
/// network) and storage accounts (used capacity, transactions split by API name) from Monitor's batch endpoint, over the
/// <see cref="RecommendationOptions.LookbackDays"/> whole UTC days before the sync's day (the sync's own day is still
/// running, its hours would read as a VM that ran part of the day). Everything is read first; then, in one transaction,
/// the window's daily metrics of the Azure VMs are replaced, the accounts' usage updated and the rollups rebuilt. A call
/// that fails fails the step and the previous metrics stay.
/// </summary>
internal sealed class AzureMetricsStep(AzureMetricsReader reader, IDbContextFactory<CostSenseDbContext> dbFactory, IOptions<RecommendationOptions> options)
    : IAzureSyncStep
{
    private const string VmNamespace = "Microsoft.Compute/virtualMachines";
    private const string StorageNamespace = "Microsoft.Storage/storageAccounts";

    // Series per account when transactions are split by API name (the endpoint's default is 10).
    private const int ApiNames = 50;

    public AzureSyncStep Step => AzureSyncStep.Metrics;

    public async Task<AzureStepOutcome> RunAsync(AzureSyncContext context, CancellationToken ct)
    {
        var days = options.Value.LookbackDays;
        var to = DateOnly.FromDateTime(context.StartedAt.UtcDateTime).AddDays(-1);
        var from = to.AddDays(1 - days);
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var inScope = context.Subscriptions.Select(s => s.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);

        List<(string Id, string SubscriptionId, string Region, double MemoryGiB)> vms;
        List<(string Id, string SubscriptionId, string Region)> accounts;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            vms = (await db.VirtualMachines.AsNoTracking().Where(v => v.Source == AzureSources.Inventory)
                    .Select(v => new { v.ResourceId, v.SubscriptionId, v.Region, v.MemoryGiB }).ToListAsync(ct))
                .Where(v => inScope.Contains(v.SubscriptionId)).Select(v => (v.ResourceId, v.SubscriptionId, v.Region, v.MemoryGiB)).ToList();
            accounts = (await db.StorageAccounts.AsNoTracking().Where(a => a.Source == AzureSources.Inventory)
                    .Select(a => new { a.ResourceId, a.SubscriptionId, a.Region }).ToListAsync(ct))
                .Where(a => inScope.Contains(a.SubscriptionId)).Select(a => (a.ResourceId, a.SubscriptionId, a.Region)).ToList();
        }

        var vmSeries = new List<MetricSeries>();
        var read = 0;
        foreach (var chunk in Chunks(vms.Select(v => (v.Id, v.SubscriptionId, v.Region))))
        {
            vmSeries.AddRange(await reader.ReadAsync(chunk.Subscription, chunk.Region, VmNamespace, chunk.Ids,
                [MetricReduction.Cpu, MetricReduction.AvailableMemory, MetricReduction.NetworkIn, MetricReduction.NetworkOut],
                "average,maximum,total", start, end, null, null, ct));
            read += chunk.Ids.Count;
            context.Progress.Report($"VM metrics: {read} of {vms.Count} read");
        }
        var accountSeries = new List<MetricSeries>();
        read = 0;
        foreach (var chunk in Chunks(accounts))
        {
            // UsedCapacity has no ApiName dimension: the split transactions need a call of their own.
            accountSeries.AddRange(await reader.ReadAsync(chunk.Subscription, chunk.Region, StorageNamespace, chunk.Ids,
                [MetricReduction.UsedCapacity], "average", start, end, null, null, ct));
            accountSeries.AddRange(await reader.ReadAsync(chunk.Subscription, chunk.Region, StorageNamespace, chunk.Ids,
                [MetricReduction.Transactions], "total", start, end, "ApiName eq '*'", ApiNames, ct));
            read += chunk.Ids.Count;
            context.Progress.Report($"Storage metrics: {read} of {accounts.Count} read");
        }

        var vmById = vmSeries.ToLookup(s => s.ResourceId);
        var metrics = vms.SelectMany(v => MetricReduction.VmDays(v.Id, v.MemoryGiB, vmById[v.Id], from, to)).ToList();
        var accountById = accountSeries.ToLookup(s => s.ResourceId);
        var usage = accounts.ToDictionary(a => a.Id, a => MetricReduction.Account(accountById[a.Id], days));

        await using var write = await dbFactory.CreateDbContextAsync(ct);
        await write.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
        {
            write.ChangeTracker.Clear();
            await using var tx = await write.Database.BeginTransactionAsync(c);
            foreach (var chunk in usage.Keys.Chunk(500))
                foreach (var account in await write.StorageAccounts.Where(a => a.Source == AzureSources.Inventory && chunk.Contains(a.ResourceId)).ToListAsync(c))
                {
                    var u = usage[account.ResourceId];
                    if (u.UsedGiB is { } gib) account.UsedCapacityGiB = gib;
                    account.ReadTransactionsPerDay = u.ReadsPerDay;
                    account.WriteTransactionsPerDay = u.WritesPerDay;
                    // No transaction in the window: the last access was before it, at the latest the day before.
                    account.LastAccessed = u.LastAccessed ?? (account.LastAccessed < from ? account.LastAccessed : from.AddDays(-1));
                }
            await write.SaveChangesAsync(c);
            write.ChangeTracker.Clear();
            await InventoryStore.ReplaceMetricsInTransactionAsync(write, vms.Select(v => v.Id).ToList(), from, to, metrics, c);
            await tx.CommitAsync(c);
        }, ct);
        return new AzureStepOutcome(metrics.Count,
            $"{metrics.Count} VM-days measured over {vms.Count} VM{(vms.Count == 1 ? "" : "s")} and the usage of {accounts.Count} storage account{(accounts.Count == 1 ? "" : "s")}, {from:yyyy-MM-dd} to {to:yyyy-MM-dd}");
    }

    /// <summary>The batches: one subscription, region and type each, at most <see cref="AzureMetricsReader.MaxResources"/> resources.</summary>
    private static IEnumerable<(string Subscription, string Region, IReadOnlyCollection<string> Ids)> Chunks(IEnumerable<(string Id, string SubscriptionId, string Region)> resources) =>
        resources.GroupBy(r => (r.SubscriptionId, r.Region))
            .SelectMany(g => g.Select(r => r.Id).Chunk(AzureMetricsReader.MaxResources).Select(ids => (g.Key.SubscriptionId, g.Key.Region, (IReadOnlyCollection<string>)ids)));
}
