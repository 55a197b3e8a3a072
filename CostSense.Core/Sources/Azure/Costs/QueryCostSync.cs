using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Sources.Demo;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Sources.Azure.Costs;

/// <summary>
/// The costs step over the Query API, subscription by subscription. Every month to read (<see cref="CostMonthPlan"/>) of
/// every subscription is queried first (two queries a month, <see cref="QueryCostRows"/>); only then, in one transaction,
/// each month read replaces what source <see cref="AzureSources.Costs"/> of its subscription holds in that month (through
/// <see cref="CostStore"/>, so rollups and month versions follow), the demo tenant steps aside, and the months' rows in
/// <see cref="AzureCostMonth"/> record the read. A failing query fails the step before anything is written.
/// </summary>
public sealed class QueryCostSync(AzureConnection connection, CostQueryReader reader, CostStore store, DemoStepAside demo, AuditTrail audit,
    IDbContextFactory<CostSenseDbContext> dbFactory, TimeProvider time)
{
    public async Task<AzureStepOutcome> RunAsync(AzureSyncContext context, CancellationToken ct)
    {
        var options = connection.Options;
        var now = time.GetUtcNow();
        var scopes = context.Subscriptions.Select(s => s.Scope.ToLowerInvariant()).ToList();
        Dictionary<string, List<AzureCostMonth>> known;
        Dictionary<string, string> tags;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            known = (await db.AzureCostMonths.AsNoTracking().Where(m => scopes.Contains(m.Scope)).ToListAsync(ct))
                .GroupBy(m => m.Scope).ToDictionary(g => g.Key, g => g.ToList());
            tags = await InventoryTagsAsync(db, ct);
        }

        var plan = context.Subscriptions
            .SelectMany(s => CostMonthPlan.MonthsToRead(now, options.CostMonths, options.OpenMonthRefresh, known.GetValueOrDefault(s.Scope.ToLowerInvariant()) ?? [])
                .Select(m => (Subscription: s, Month: m)))
            .ToList();
        if (plan.Count == 0)
            return new AzureStepOutcome(0, "Costs are up to date: every closed month is in the store and the open month was read less than " +
                $"{options.OpenMonthRefresh.TotalHours:0.#} hours ago.");

        // Read everything first: a query that fails leaves the store as it was.
        var read = new List<(AzureSubscription Subscription, DateOnly Month, IReadOnlyList<CostQueryRow> Amortized, IReadOnlyList<CostQueryRow> Actual)>();
        foreach (var (subscription, month) in plan)
        {
            context.Progress.Report($"Costs: {subscription.DisplayName} {month:yyyy-MM} ({read.Count + 1} of {plan.Count} months)");
            var last = CostMonthPlan.LastDay(month, now);
            var what = $"the cost data of subscription {subscription.DisplayName} ({subscription.Id})";
            var amortized = await reader.ReadAsync(subscription.Scope, CostQueryBody.AmortizedCost, month, last, QueryCostRows.Dimensions, what, context.Progress, ct);
            var actual = await reader.ReadAsync(subscription.Scope, CostQueryBody.ActualCost, month, last, QueryCostRows.Dimensions, what, context.Progress, ct);
            read.Add((subscription, month, amortized, actual));
        }

        await RefuseImportedOverlapAsync(read.Select(r => (r.Subscription, r.Month)).ToList(), ct);
        var counts = new Dictionary<(string, DateOnly), int>();
        var fetchedAt = time.GetUtcNow();
        var writes = await store.ReplaceSourcesAsync(
            _ => Task.FromResult<IReadOnlyList<SourceWrite>>(read.Select(r =>
            {
                // Built anew on each attempt: the store stamps the rows it writes, and a retried transaction writes them again.
                var rows = QueryCostRows.Build(r.Subscription, r.Amortized, r.Actual, tags);
                counts[(r.Subscription.Id, r.Month)] = rows.Count;
                return new SourceWrite(AzureSources.Costs(r.Subscription.Id), r.Month, r.Month.AddMonths(1), rows.ToAsyncEnumerable());
            }).ToList()),
            (db, c) => demo.InTransactionAsync(db, Actor.System, "live Azure costs were synced", c),
            async (db, c) =>
            {
                foreach (var group in read.GroupBy(r => r.Subscription.Scope.ToLowerInvariant()))
                {
                    var months = group.Select(r => r.Month).ToList();
                    await db.AzureCostMonths.Where(m => m.Scope == group.Key && months.Contains(m.Month)).ExecuteDeleteAsync(c);
                    foreach (var r in group)
                        db.AzureCostMonths.Add(new AzureCostMonth
                        {
                            Scope = group.Key,
                            Month = r.Month,
                            FetchedAt = fetchedAt,
                            Closed = CostMonthPlan.IsClosed(r.Month, fetchedAt),
                            Rows = counts[(r.Subscription.Id, r.Month)],
                        });
                }
            },
            batch =>
            {
                batch.FileName = "Cost Management query";
                batch.Format = "Azure Cost Management query (AmortizedCost and ActualCost, daily)";
                batch.ImportedBy = "azure sync";
            },
            written => audit.Entry(Actor.System, AuditActions.AzureSync, "costs",
                string.Join("; ", written.Select(w => $"{w.Batch.Source} {w.Batch.PeriodStart:yyyy-MM}: {w.Batch.RowCount} rows in, {w.Deleted} out, " +
                    $"billed {w.Batch.BilledCost} effective {w.Batch.EffectiveCost} {w.Batch.Currency ?? "(several currencies)"}"))),
            ct);

        var rows = writes.Sum(w => w.Batch.RowCount);
        var subscriptions = read.Select(r => r.Subscription.Id).Distinct().Count();
        return new AzureStepOutcome(rows,
            $"{rows:N0} cost rows: {read.Count} month{(read.Count == 1 ? "" : "s")} read in {subscriptions} subscription{(subscriptions == 1 ? "" : "s")}" +
            " (closed months the store had were not read again).");
    }

    /// <summary>The tags of the resources the Azure inventory knows (VMs, storage accounts), by lower-case id.</summary>
    /// <summary>
    /// A subscription's month that an import (an export file or run) already counts is not synced beside it: the two would
    /// count the same cost twice. The step fails naming the import, and the analyst chooses one of the two.
    /// </summary>
    private async Task RefuseImportedOverlapAsync(IReadOnlyList<(AzureSubscription Subscription, DateOnly Month)> months, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var (subscription, month) in months)
        {
            var id = subscription.Id.ToLowerInvariant();
            var end = month.AddMonths(1);
            var clash = await db.CostRecords.AsNoTracking()
                .Where(r => r.Source.StartsWith(Imports.CostImporter.SourcePrefix) && r.SubAccountId.ToLower() == id
                    && r.ChargePeriodStart >= month && r.ChargePeriodStart < end)
                .Select(r => new { r.Source, r.ImportBatchId }).FirstOrDefaultAsync(ct);
            if (clash is null) continue;
            var file = await db.ImportBatches.Where(b => b.Id == clash.ImportBatchId).Select(b => b.FileName).SingleOrDefaultAsync(ct);
            throw new InvalidOperationException(
                $"Subscription {subscription.DisplayName} ({subscription.Id}) in {month:yyyy-MM} is already counted by {clash.Source} " +
                $"(import {clash.ImportBatchId}{(file is null ? "" : $" of {file}")}); syncing it from Azure as well would count it twice. " +
                "Undo that import on the Import page, or leave the subscription out of CostSense:Azure:SubscriptionIds. Nothing of the costs step was written.");
        }
    }

    private static async Task<Dictionary<string, string>> InventoryTagsAsync(CostSenseDbContext db, CancellationToken ct)
    {
        var vms = await db.VirtualMachines.AsNoTracking().Where(v => v.Source == AzureSources.Inventory && v.Tags != null)
            .Select(v => new { v.ResourceId, v.Tags }).ToListAsync(ct);
        var accounts = await db.StorageAccounts.AsNoTracking().Where(a => a.Source == AzureSources.Inventory && a.Tags != null)
            .Select(a => new { a.ResourceId, a.Tags }).ToListAsync(ct);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in vms.Concat(accounts)) tags.TryAdd(r.ResourceId.ToLowerInvariant(), r.Tags!);
        return tags;
    }
}
