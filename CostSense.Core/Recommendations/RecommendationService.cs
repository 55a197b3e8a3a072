using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Caching;
using CostSense.Core.Leases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Recommendations;

/// <summary>
/// Recommendations from the store. Every read first makes sure they were computed from the data as it is now
/// (see <see cref="RecommendationRun"/>), so an import or a regenerated tenant shows up on the next page load.
/// </summary>
public sealed partial class RecommendationService(
    IDbContextFactory<CostSenseDbContext> dbFactory, RecommendationEngine engine, AuditTrail audit, CurrentPermissions permissions,
    IOptions<RecommendationOptions> options, JobLeases leases, QueryCache cache, TimeProvider time, ILogger<RecommendationService> log) : IRecommendationService, IDisposable
{
    /// <summary>The catalogue's prices are US dollars, so are the recommendations' figures.</summary>
    public const string Currency = "USD";

    private readonly SemaphoreSlim _compute = new(1, 1);

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<RecomputeResult> RecomputeAsync(CancellationToken ct)
    {
        await _compute.WaitAsync(ct);
        try
        {
            await using var lease = await leases.ClaimAsync(JobNames.RecommendationRecompute, ct);
            return await RecomputeLockedAsync(ct);
        }
        finally
        {
            _compute.Release();
        }
    }

    private async Task<RecomputeResult> RecomputeLockedAsync(CancellationToken ct)
    {
        var started = time.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var result = await db.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(c);
            var asOf = await RecommendationEngine.AsOfAsync(db, c);
            var r = await engine.RunAsync(db, options.Value, asOf, Today, time.GetUtcNow(), c);
            await tx.CommitAsync(c);
            return r;
        }, ct);
        // Every row was rewritten: on PostgreSQL the old versions are cleared and the visibility map set now, so the grid's
        // count and savings read from its index alone instead of scanning twice the rows until autovacuum comes by. The
        // statistics are refreshed with it only when the set of recommendations changed by more than a tenth (the first
        // computation among them): sampling every column of 48,000 rows took 1.2 s of a large tenant's recompute, and over
        // the same resources the distribution barely moves (autovacuum's own analyze follows a rewrite of every row anyway).
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync(result.Added + result.Retired > result.Active / 10
                ? "VACUUM (ANALYZE) \"Recommendations\""
                : "VACUUM \"Recommendations\"", ct);
        result = result with { Elapsed = time.GetElapsedTime(started) };
        log.LogInformation("Recommendations computed in {Elapsed}: {Active} active, {Added} new, {Retired} retired",
            result.Elapsed, result.Active, result.Added, result.Retired);
        return result;
    }

    /// <summary>
    /// Recomputes when the data, the day or the lookback changed since the last run; returns the run the recommendations are
    /// now from (the savings summary keys its cache on it).
    /// </summary>
    private async Task<RecommendationRun> EnsureCurrentAsync(CancellationToken ct)
    {
        if (await CurrentRunAsync(ct) is { } current) return current;
        await _compute.WaitAsync(ct);
        try
        {
            // One computation across instances too: the others wait for it, then find the recommendations current.
            await using var lease = await leases.ClaimAsync(JobNames.RecommendationRecompute, ct);
            if (await CurrentRunAsync(ct) is { } done) return done;
            await RecomputeLockedAsync(ct);
        }
        finally
        {
            _compute.Release();
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RecommendationRuns.AsNoTracking().SingleAsync(ct);
    }

    /// <summary>The last run when it is still current (its stamp is the data's, the day's and the lookback's), else null.</summary>
    private async Task<RecommendationRun?> CurrentRunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.RecommendationRuns.AsNoTracking().SingleOrDefaultAsync(ct);
        if (run is null) return null;
        var asOf = await RecommendationEngine.AsOfAsync(db, ct);
        var stamp = asOf is { } d ? await RecommendationEngine.StampAsync(db, d, Today, options.Value, ct) : $"empty|{Today:yyyyMMdd}";
        return run.Stamp == stamp ? run : null;
    }

    public async Task<RecommendationPage> QueryAsync(RecommendationQuery query, CancellationToken ct)
    {
        await EnsureCurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await FilterByAdvisorAsync(db, Filter(db.Recommendations.AsNoTracking(), query), query, ct);
        var (count, total) = await CountAsync(db, rows, ct);
        var items = await PageAsync(rows, query, count, ct);
        return await AnnotateAsync(db, new RecommendationPage(items, count, total), query, ct);
    }

    public async Task<Recommendation?> GetAsync(string id, CancellationToken ct)
    {
        await EnsureCurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Recommendations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
    }

    public async Task<IReadOnlyList<RecommendationEvent>> HistoryAsync(string id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RecommendationEvents.AsNoTracking().Where(e => e.RecommendationId == id).OrderByDescending(e => e.Id).Take(100).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<UtilizationPoint>> UtilizationAsync(string resourceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RecommendationEngine.AsOfAsync(db, ct) is not { } asOf) return [];
        var from = asOf.AddDays(1 - options.Value.LookbackDays);
        return await db.DailyMetrics.AsNoTracking()
            .Where(m => m.ResourceId == resourceId && m.Date >= from && m.Date <= asOf)
            .OrderBy(m => m.Date)
            .Select(m => new UtilizationPoint(m.Date, m.CpuAverage, m.CpuP95, m.MemoryAverage, m.MemoryP95))
            .ToListAsync(ct);
    }

    public async Task WriteCsvAsync(RecommendationQuery query, TextWriter writer, CancellationToken ct)
    {
        await EnsureCurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await FilterByAdvisorAsync(db, Filter(db.Recommendations.AsNoTracking(), query), query, ct);
        // Only the exported columns (and what Advisor's comparison reads) are read: tags, state notes and the rest stay in the store.
        var exported = Sort(rows, query).Select(r => new Recommendation
        {
            Id = r.Id, ResourceId = r.ResourceId, ResourceName = r.ResourceName, ResourceGroup = r.ResourceGroup, SubscriptionId = r.SubscriptionId,
            Region = r.Region, Category = r.Category, Action = r.Action, Current = r.Current, Target = r.Target,
            CurrentMonthlyCost = r.CurrentMonthlyCost, ProjectedMonthlyCost = r.ProjectedMonthlyCost, MonthlySavings = r.MonthlySavings,
            AnnualSavings = r.AnnualSavings, Confidence = r.Confidence, EffortHours = r.EffortHours, Risk = r.Risk, Status = r.Status,
            CpuP95 = r.CpuP95, MemoryP95 = r.MemoryP95, Rationale = r.Rationale, Command = r.Command,
        });
        await RecommendationCsv.WriteAsync(exported.AsAsyncEnumerable(), writer, ct, await AdvisorForCsvAsync(db, ct));
    }

    /// <summary>
    /// One per resource, its largest saving, as the headline potential counts them: a VM that could be reserved for one
    /// year or for three is one opportunity, not two lines of the top list.
    /// </summary>
    public async Task<IReadOnlyList<Recommendation>> TopAsync(int count, string? subscriptionId, CancellationToken ct)
    {
        count = Math.Clamp(count, 1, 50);
        await EnsureCurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Each kind's best, read down the grid's (kind, savings) index, then merged: one query over every kind would have
        // to sort every open recommendation (90 ms at 48,000) for five rows. A resource is of one kind, so no resource's
        // best is missed by taking each kind's first count resources.
        var best = new List<Recommendation>();
        foreach (var kind in Enum.GetValues<RecommendationKind>())
            best.AddRange(await TopOfKindAsync(db, kind, count, subscriptionId, ct));
        return best.OrderByDescending(r => r.MonthlySavings).ThenBy(r => r.Id, StringComparer.Ordinal)
            .DistinctBy(r => r.ResourceId, StringComparer.OrdinalIgnoreCase).Take(count).ToList();
    }

    /// <summary>A kind's open recommendations of the most saving, one per resource, at most <paramref name="count"/>.</summary>
    private static async Task<List<Recommendation>> TopOfKindAsync(CostSenseDbContext db, RecommendationKind kind, int count, string? subscriptionId,
        CancellationToken ct)
    {
        var rows = db.Recommendations.AsNoTracking().Where(r => r.Kind == kind && r.IsActive);
        if (subscriptionId is not null) rows = rows.Where(r => r.SubscriptionId == subscriptionId);
        var ordered = rows
            .Where(r => r.Status == RecommendationStatus.Open && r.Category != RecommendationCategory.Performance)
            .OrderByDescending(r => r.MonthlySavings).ThenBy(r => r.Id);
        var top = new List<Recommendation>(count);
        var resources = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // Read in savings order a few rows past count at a time until enough resources are found (rarely more than one
        // read). Not one unbounded query stopped early: the driver reads every row off the wire when the reader closes.
        var page = count * 4;
        for (var skip = 0; top.Count < count; skip += page)
        {
            var batch = await ordered.Skip(skip).Take(page).ToListAsync(ct);
            foreach (var r in batch)
            {
                if (!resources.Add(r.ResourceId)) continue;
                top.Add(r);
                if (top.Count == count) break;
            }
            if (batch.Count < page) break;
        }
        return top;
    }

    public async Task<int> ChangeStatusAsync(Actor actor, IReadOnlyCollection<string> ids, StatusChange change, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ActOnRecommendations, ct);
        RecommendationLifecycle.Validate(change, Today);
        if (ids.Count == 0) return 0;
        if (ids.Count > 5_000) throw new ArgumentException("Change at most 5,000 recommendations at once.", nameof(ids));
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(c);
            var changed = 0;
            foreach (var rec in await db.Recommendations.Where(r => wanted.Contains(r.Id)).ToListAsync(c))
            {
                if (!RecommendationLifecycle.CanMove(rec.Status, change.To)) continue;
                var from = rec.Status;
                rec.Status = change.To;
                rec.StatusReason = change.Reason?.Trim();
                rec.SnoozedUntil = change.To == RecommendationStatus.Snoozed ? change.SnoozeUntil : null;
                rec.RealizedMonthlySavings = change.To == RecommendationStatus.Implemented ? rec.MonthlySavings : null;
                (rec.StatusChangedBy, rec.StatusChangedAt) = (actor.Name, now);
                db.RecommendationEvents.Add(new RecommendationEvent
                {
                    RecommendationId = rec.Id, From = from, To = change.To, Reason = rec.StatusReason ?? (rec.SnoozedUntil is { } u ? $"until {u:yyyy-MM-dd}" : null),
                    ActorId = actor.Id, ActorName = actor.Name, At = now,
                });
                db.AuditEntries.Add(audit.Entry(actor, $"recommendation.{change.To.ToString().ToLowerInvariant()}", $"{rec.ResourceName} · {rec.Action}",
                    $"{from} → {change.To}, {rec.MonthlySavings:N2} {Currency}/month{(rec.StatusReason is { } why ? $": {why}" : "")}{(rec.SnoozedUntil is { } until ? $" until {until:yyyy-MM-dd}" : "")}"));
                changed++;
            }
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
            return changed;
        }, ct);
    }

    public void Dispose() => _compute.Dispose();
}
