using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations.Advisor;
using CostSense.Core.Recommendations.CostOnly;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Recommendations;

public sealed partial class RecommendationService
{
    /// <summary>The grid's filters, applied in the store. Inactive recommendations are history, not work.</summary>
    internal static IQueryable<Recommendation> Filter(IQueryable<Recommendation> rows, RecommendationQuery q)
    {
        rows = rows.Where(r => r.IsActive && r.Kind == q.Kind);
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var s = q.Search.Trim().ToLower();
            rows = rows.Where(r => r.ResourceName.ToLower().Contains(s) || r.ResourceGroup.ToLower().Contains(s) || r.Current.ToLower().Contains(s) || r.Target.ToLower().Contains(s));
        }
        if (q.Category is { } category) rows = rows.Where(r => r.Category == category);
        if (q.Action is { } action) rows = rows.Where(r => r.Action == action);
        if (q.Status is { } status) rows = rows.Where(r => r.Status == status);
        if (q.MinMonthlySavings is { } min) rows = rows.Where(r => r.MonthlySavings >= min);
        if (!string.IsNullOrWhiteSpace(q.SubscriptionId)) rows = rows.Where(r => r.SubscriptionId == q.SubscriptionId);
        if (!string.IsNullOrWhiteSpace(q.ResourceGroup)) rows = rows.Where(r => r.ResourceGroup == q.ResourceGroup);
        if (!string.IsNullOrWhiteSpace(q.Tag))
        {
            // Tags are stored as a JSON object: "key=value" matches "key":"value", a bare word matches anywhere.
            var parts = q.Tag.Split('=', 2, StringSplitOptions.TrimEntries);
            var needle = (parts.Length == 2 ? $"\"{parts[0]}\":\"{parts[1]}\"" : parts[0]).ToLower();
            rows = rows.Where(r => r.Tags != null && r.Tags.ToLower().Contains(needle));
        }
        return rows;
    }

    /// <summary>
    /// How many rows the filter holds and their monthly savings, in one round trip on PostgreSQL (numeric sums exactly). SQLite
    /// keeps the grid's money as REAL, whose sum in SQL would not be the decimals' to the cent: its savings are summed here.
    /// </summary>
    private static async Task<(int Count, decimal MonthlySavings)> CountAsync(CostSenseDbContext db, IQueryable<Recommendation> rows, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            var savings = await rows.Select(r => r.MonthlySavings).ToListAsync(ct);
            return (savings.Count, savings.Sum());
        }
        var totals = await rows.GroupBy(r => 1).Select(g => new { Count = g.Count(), Savings = g.Sum(r => r.MonthlySavings) }).SingleOrDefaultAsync(ct);
        return totals is null ? (0, 0m) : (totals.Count, totals.Savings);
    }

    /// <summary>
    /// One page of the sorted rows. A page past the middle is read as a page from the other end, in the reverse order, and
    /// turned round: the store then walks at most half the rows (the last page costs what the first does) instead of
    /// skipping nearly all of them.
    /// </summary>
    internal static async Task<List<Recommendation>> PageAsync(IQueryable<Recommendation> rows, RecommendationQuery q, int count, CancellationToken ct)
    {
        var skip = Math.Max(0, q.Skip);
        var take = Math.Clamp(q.Take, 1, 500);
        if (skip >= count) return [];
        // Rows [skip, skip + n) in order are rows [fromEnd, fromEnd + n) in the reverse order.
        var n = Math.Min(take, count - skip);
        var fromEnd = count - skip - n;
        if (skip <= fromEnd) return await Sort(rows, q).Skip(skip).Take(take).ToListAsync(ct);
        var reversed = await Sort(rows, q, reverse: true).Skip(fromEnd).Take(n).ToListAsync(ct);
        reversed.Reverse();
        return reversed;
    }

    /// <summary>
    /// Sorts by a known column; anything else sorts by monthly savings. The id breaks ties so pages never overlap. A grouped
    /// grid's group column comes first, so each group's rows are contiguous across pages. <paramref name="reverse"/> turns
    /// every key round (the store puts nulls at the mirrored end too), for reading the last pages from the end.
    /// </summary>
    internal static IQueryable<Recommendation> Sort(IQueryable<Recommendation> rows, RecommendationQuery q, bool reverse = false)
    {
        IOrderedQueryable<Recommendation>? sorted = q.GroupBy switch
        {
            nameof(Recommendation.SubscriptionId) => reverse ? rows.OrderByDescending(r => r.SubscriptionId) : rows.OrderBy(r => r.SubscriptionId),
            nameof(Recommendation.ResourceGroup) => reverse ? rows.OrderByDescending(r => r.ResourceGroup) : rows.OrderBy(r => r.ResourceGroup),
            _ => null,
        };
        var d = q.SortDescending != reverse;
        sorted = q.SortBy switch
        {
            nameof(Recommendation.ResourceName) => By(r => r.ResourceName),
            nameof(Recommendation.ResourceGroup) => By(r => r.ResourceGroup),
            nameof(Recommendation.SubscriptionId) => By(r => r.SubscriptionId),
            nameof(Recommendation.Current) => By(r => r.Current),
            nameof(Recommendation.Target) => By(r => r.Target),
            nameof(Recommendation.Action) => By(r => r.Action),
            nameof(Recommendation.Category) => By(r => r.Category),
            nameof(Recommendation.Status) => By(r => r.Status),
            nameof(Recommendation.CurrentMonthlyCost) => By(r => r.CurrentMonthlyCost),
            nameof(Recommendation.ProjectedMonthlyCost) => By(r => r.ProjectedMonthlyCost),
            nameof(Recommendation.AnnualSavings) => By(r => r.AnnualSavings),
            nameof(Recommendation.Confidence) => By(r => r.Confidence),
            nameof(Recommendation.EffortHours) => By(r => r.EffortHours),
            nameof(Recommendation.CpuP95) => By(r => r.CpuP95),
            nameof(Recommendation.MemoryP95) => By(r => r.MemoryP95),
            _ => By(r => r.MonthlySavings),
        };
        return reverse ? sorted.ThenByDescending(r => r.Id) : sorted.ThenBy(r => r.Id);

        IOrderedQueryable<Recommendation> By<TKey>(System.Linq.Expressions.Expression<Func<Recommendation, TKey>> key) =>
            (sorted, d) switch
            {
                (null, true) => rows.OrderByDescending(key),
                (null, false) => rows.OrderBy(key),
                (_, true) => sorted.ThenByDescending(key),
                (_, false) => sorted.ThenBy(key),
            };
    }

    /// <summary>
    /// The Advisor filter, on top of <see cref="Filter"/>: the recommendations on resources Advisor has a cost recommendation
    /// for are compared in memory (Advisor's rows are few: one per resource and idea), and the ones with the asked verdict
    /// go back into the query as ids, so counting, sorting and paging stay in the store. "Advisor only" lists Advisor's rows,
    /// not CostSense's (<see cref="AdvisorOnlyAsync"/>): no CostSense row matches it.
    /// </summary>
    internal static async Task<IQueryable<Recommendation>> FilterByAdvisorAsync(CostSenseDbContext db, IQueryable<Recommendation> rows, RecommendationQuery q, CancellationToken ct)
    {
        if (q.Advisor is not { } filter) return rows;
        if (filter == AdvisorFilter.AdvisorOnly) return rows.Where(r => false);
        var advised = db.AdvisorRecommendations.Select(a => a.ResourceId);
        var candidates = await rows.Where(r => advised.Contains(r.ResourceId.ToLower())).ToListAsync(ct);
        var opinions = await AdvisorComparison.OpinionsAsync(db, candidates, ct);
        var verdict = filter == AdvisorFilter.Agrees ? AdvisorVerdict.Agrees : AdvisorVerdict.Differs;
        var ids = opinions.Where(o => o.Value.Verdict == verdict).Select(o => o.Key).ToList();
        return rows.Where(r => ids.Contains(r.Id));
    }

    /// <summary>What the grid shows beside a page: Advisor's opinions (when the store has Advisor data) and where each VM's metrics came from.</summary>
    private static async Task<RecommendationPage> AnnotateAsync(CostSenseDbContext db, RecommendationPage page, RecommendationQuery q, CancellationToken ct)
    {
        var hasAdvisor = await db.AdvisorRecommendations.AnyAsync(ct);
        var opinions = hasAdvisor ? await AdvisorComparison.OpinionsAsync(db, page.Items, ct) : new Dictionary<string, AdvisorOpinion>();
        var sources = q.Kind == RecommendationKind.Compute
            ? await DataBasisReader.MetricsSourcesAsync(db, page.Items.Select(r => r.ResourceId).ToList(), ct)
            : new Dictionary<string, MetricsSource>();
        return page with { HasAdvisorData = hasAdvisor, Advisor = opinions, MetricsSources = sources };
    }

    /// <summary>Advisor's opinion for each exported row, or null (no Advisor columns) when the store has no Advisor data.</summary>
    private static async Task<Func<Recommendation, AdvisorOpinion?>?> AdvisorForCsvAsync(CostSenseDbContext db, CancellationToken ct)
    {
        var rows = await db.AdvisorRecommendations.AsNoTracking().ToListAsync(ct);
        if (rows.Count == 0) return null;
        var advisor = rows.ToLookup(a => a.ResourceId, StringComparer.OrdinalIgnoreCase);
        return r => AdvisorComparison.Compare(r, advisor[r.ResourceId]);
    }

    public async Task<AdvisorOnlyPage> AdvisorOnlyAsync(RecommendationQuery query, CancellationToken ct)
    {
        await EnsureCurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var covered = db.Recommendations.Where(r => r.IsActive).Select(r => r.ResourceId.ToLower());
        var rows = db.AdvisorRecommendations.AsNoTracking().Where(a => !covered.Contains(a.ResourceId));
        rows = query.Kind == RecommendationKind.Storage
            ? rows.Where(a => a.ResourceId.Contains(StorageMarker))
            : rows.Where(a => !a.ResourceId.Contains(StorageMarker));
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim().ToLower();
            rows = rows.Where(a => a.ResourceId.Contains(s) || (a.ImpactedValue != null && a.ImpactedValue.ToLower().Contains(s))
                || a.Problem.ToLower().Contains(s) || (a.TargetSku != null && a.TargetSku.ToLower().Contains(s)));
        }
        if (!string.IsNullOrWhiteSpace(query.SubscriptionId)) rows = rows.Where(a => a.SubscriptionId == query.SubscriptionId.Trim().ToLower());
        if (!string.IsNullOrWhiteSpace(query.ResourceGroup))
        {
            var group = $"/resourcegroups/{query.ResourceGroup.Trim().ToLower()}/";
            rows = rows.Where(a => a.ResourceId.Contains(group));
        }
        // SQLite keeps decimals as text and cannot order them: Advisor's rows are few, so they are sorted and paged here.
        var all = await rows.ToListAsync(ct);
        if (query.MinMonthlySavings is { } min) all = all.Where(a => MonthlyOf(a) >= min).ToList();
        var page = all.OrderByDescending(a => MonthlyOf(a) ?? decimal.MinValue).ThenBy(a => a.ResourceId, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500)).ToList();
        return new AdvisorOnlyPage(page, all.Count);
    }

    private const string StorageMarker = "/providers/microsoft.storage/";

    /// <summary>A month's saving as Advisor gave it, or a twelfth of the year's; null when it gave neither.</summary>
    private static decimal? MonthlyOf(AdvisorRecommendation a) => a.MonthlySavings ?? a.AnnualSavings / 12m;
}
