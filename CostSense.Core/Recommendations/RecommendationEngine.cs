using CostSense.Core.Catalog;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Recommendations;

/// <summary>
/// Runs every rule over the store's usage and saves the result in one transaction. A recommendation keeps its
/// identity (resource + action) and its state across runs; one no longer produced is kept but marked inactive.
/// Rules that price sizes (<see cref="IPricedVmRule"/>) get the run's <see cref="VmPriceBook"/>: the synced Azure retail
/// prices over the shipped catalogue.
/// </summary>
public sealed class RecommendationEngine(IEnumerable<IVmRule> vmRules, IEnumerable<IStorageRule> storageRules, VmSizeCatalog catalog)
{
    /// <summary>The day the data ends (the last day with cost or metrics), or null for an empty store.</summary>
    public static async Task<DateOnly?> AsOfAsync(CostSenseDbContext db, CancellationToken ct)
    {
        var cost = await db.DailyCostRollups.MaxAsync(r => (DateOnly?)r.Date, ct);
        var metrics = await db.DailyMetrics.MaxAsync(m => (DateOnly?)m.Date, ct);
        return cost is null ? metrics : metrics is null ? cost : (cost > metrics ? cost : metrics);
    }

    public static async Task<string> StampAsync(CostSenseDbContext db, DateOnly asOf, DateOnly today, RecommendationOptions o, CancellationToken ct) =>
        $"{asOf:yyyyMMdd}|{today:yyyyMMdd}|{o.LookbackDays}|{await PeriodVersions.StampAsync(db, asOf.AddDays(1 - o.LookbackDays), asOf, ct)}";

    public async Task<RecomputeResult> RunAsync(CostSenseDbContext db, RecommendationOptions options, DateOnly? asOf, DateOnly today,
        DateTimeOffset now, CancellationToken ct)
    {
        var drafts = new Dictionary<string, (RecommendationDraft Draft, Resource Resource)>(StringComparer.Ordinal);
        if (asOf is { } day)
        {
            var (vms, storage) = await UsageReader.ReadAsync(db, day, options.LookbackDays, ct);
            var prices = await VmPriceBook.LoadAsync(db, catalog, ct);
            // The rules run on every core; their drafts are kept in the resources' order, as one loop would keep them.
            var vmDrafts = EvaluateAll(vms, usage => vmRules.SelectMany(rule =>
                rule is IPricedVmRule priced ? priced.Evaluate(usage, options, prices) : rule.Evaluate(usage, options)), ct);
            var storageDrafts = EvaluateAll(storage, usage => storageRules.SelectMany(rule => rule.Evaluate(usage, options)), ct);
            for (var i = 0; i < vms.Count; i++)
            {
                var usage = vms[i];
                var resource = new Resource(usage.Vm.Name, usage.Vm.SubscriptionId, usage.Vm.ResourceGroup, usage.Vm.Region, usage.Vm.Environment,
                    usage.Vm.Tags, usage.CpuP95, usage.MemoryP95);
                foreach (var draft in vmDrafts[i]) Keep(draft, resource);
            }
            for (var i = 0; i < storage.Count; i++)
            {
                var a = storage[i].Account;
                var resource = new Resource(a.Name, a.SubscriptionId, a.ResourceGroup, a.Region, a.Environment, a.Tags, null, null);
                foreach (var draft in storageDrafts[i]) Keep(draft, resource);
            }
        }

        var stamp = asOf is { } d ? await StampAsync(db, d, today, options, ct) : $"empty|{today:yyyyMMdd}";
        var (added, retired) = db.Database.IsNpgsql()
            ? await SaveInBulkAsync(db, drafts, options.LookbackDays, today, now, ct)
            : await SaveTrackedAsync(db, drafts, options.LookbackDays, today, now, ct);

        var run = await db.RecommendationRuns.SingleOrDefaultAsync(ct);
        if (run is null) db.RecommendationRuns.Add(run = new RecommendationRun { Stamp = stamp });
        (run.Stamp, run.AsOf, run.ComputedAt, run.Active) = (stamp, asOf ?? today, now, drafts.Count);
        await db.SaveChangesAsync(ct);
        return new RecomputeResult(drafts.Count, added, retired, TimeSpan.Zero);

        void Keep(RecommendationDraft draft, Resource resource)
        {
            if (draft.Category != RecommendationCategory.Performance && draft.MonthlySavings < options.MinimumMonthlySavings) return;
            var id = RecommendationIds.For(draft.ResourceId, draft.Action);
            // Two rules proposing the same action for the same resource: the larger saving stands.
            if (!drafts.TryGetValue(id, out var kept) || draft.MonthlySavings > kept.Draft.MonthlySavings) drafts[id] = (draft, resource);
        }
    }

    /// <summary>
    /// Every resource's drafts, in the resources' order. The rules are pure (same usage, same drafts) and read only the run's
    /// price book, so resources are evaluated on every core at once: a large tenant's 30,000 take a few seconds on one.
    /// </summary>
    private static RecommendationDraft[][] EvaluateAll<T>(IReadOnlyList<T> resources, Func<T, IEnumerable<RecommendationDraft>> rules, CancellationToken ct)
    {
        var drafts = new RecommendationDraft[resources.Count][];
        try
        {
            Parallel.For(0, resources.Count, new ParallelOptions { CancellationToken = ct }, i => drafts[i] = rules(resources[i]).ToArray());
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // A rule's own exception, as a sequential run would have thrown it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        return drafts;
    }

    /// <summary>
    /// PostgreSQL: the computed rows go in by COPY and one upsert (<see cref="RecommendationBulkSave"/>); the few snoozes that
    /// ended are reopened through the change tracker, with their events.
    /// </summary>
    private static async Task<(int Added, int Retired)> SaveInBulkAsync(CostSenseDbContext db,
        Dictionary<string, (RecommendationDraft Draft, Resource Resource)> drafts, int lookbackDays, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var computed = drafts.Select(d => Create(d.Key, d.Value.Draft, d.Value.Resource, lookbackDays, now)).ToList();
        var result = await RecommendationBulkSave.SaveAsync(db, computed, ct);
        var ended = await db.Recommendations.Where(r => r.Status == RecommendationStatus.Snoozed && r.SnoozedUntil <= today).ToListAsync(ct);
        ReopenExpiredSnoozes(db, ended, today, now);
        return result;
    }

    /// <summary>SQLite: every recommendation read and written through the change tracker (an embedded store's fleet is small).</summary>
    private static async Task<(int Added, int Retired)> SaveTrackedAsync(CostSenseDbContext db,
        Dictionary<string, (RecommendationDraft Draft, Resource Resource)> drafts, int lookbackDays, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var existing = await db.Recommendations.ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, ct);
        var added = 0;
        foreach (var (id, (draft, resource)) in drafts)
        {
            if (existing.TryGetValue(id, out var rec)) Apply(rec, draft, resource, lookbackDays, now);
            else
            {
                db.Recommendations.Add(Create(id, draft, resource, lookbackDays, now));
                added++;
            }
        }
        var retired = 0;
        foreach (var rec in existing.Values.Where(r => r.IsActive && !drafts.ContainsKey(r.Id)))
        {
            rec.IsActive = false;
            retired++;
        }
        ReopenExpiredSnoozes(db, existing.Values, today, now);
        return (added, retired);
    }

    /// <summary>A recommendation as first computed: open.</summary>
    private static Recommendation Create(string id, RecommendationDraft draft, Resource resource, int lookbackDays, DateTimeOffset now)
    {
        var rec = new Recommendation
        {
            Id = id, ResourceId = draft.ResourceId, ResourceName = resource.Name, SubscriptionId = resource.SubscriptionId,
            ResourceGroup = resource.ResourceGroup, Region = resource.Region, Current = draft.Current, Target = draft.Target,
            Rationale = draft.Rationale, Command = draft.Command, Status = RecommendationStatus.Open,
        };
        Apply(rec, draft, resource, lookbackDays, now);
        return rec;
    }

    /// <summary>Snoozed past its date: open again, recorded as the app's doing.</summary>
    internal static void ReopenExpiredSnoozes(CostSenseDbContext db, IEnumerable<Recommendation> recommendations, DateOnly today, DateTimeOffset now)
    {
        foreach (var rec in recommendations.Where(r => r.Status == RecommendationStatus.Snoozed && r.SnoozedUntil <= today))
        {
            db.RecommendationEvents.Add(new RecommendationEvent
            {
                RecommendationId = rec.Id, From = rec.Status, To = RecommendationStatus.Open, ActorId = "system", ActorName = "system",
                Reason = $"snooze ended {rec.SnoozedUntil:yyyy-MM-dd}", At = now,
            });
            (rec.Status, rec.SnoozedUntil, rec.StatusChangedBy, rec.StatusChangedAt) = (RecommendationStatus.Open, null, "system", now);
        }
    }

    private static void Apply(Recommendation rec, RecommendationDraft draft, Resource resource, int lookbackDays, DateTimeOffset now)
    {
        (rec.ResourceName, rec.SubscriptionId, rec.ResourceGroup, rec.Region, rec.Environment, rec.Tags) =
            (resource.Name, resource.SubscriptionId, resource.ResourceGroup, resource.Region, resource.Environment, resource.Tags);
        (rec.Kind, rec.Category, rec.Action, rec.Current, rec.Target) = (draft.Kind, draft.Category, draft.Action, draft.Current, draft.Target);
        rec.CurrentMonthlyCost = Math.Round(draft.CurrentMonthlyCost, 2);
        rec.ProjectedMonthlyCost = Math.Round(draft.ProjectedMonthlyCost, 2);
        // Savings from the rounded costs, so current − projected = savings to the cent on every screen.
        rec.MonthlySavings = rec.CurrentMonthlyCost - rec.ProjectedMonthlyCost;
        rec.AnnualSavings = rec.MonthlySavings * 12m;
        (rec.Confidence, rec.EffortHours, rec.Risk, rec.Rationale, rec.Command) = (Math.Clamp(draft.Confidence, 0, 5), draft.EffortHours, draft.Risk, draft.Rationale, draft.Command);
        (rec.CpuP95, rec.MemoryP95, rec.LookbackDays, rec.ComputedAt, rec.IsActive) = (resource.CpuP95, resource.MemoryP95, lookbackDays, now, true);
    }

    private sealed record Resource(string Name, string SubscriptionId, string ResourceGroup, string Region, string? Environment, string? Tags,
        double? CpuP95, double? MemoryP95);
}
