using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Recommendations;

/// <summary>
/// The savings summary's sums computed in PostgreSQL: three aggregate queries instead of reading every recommendation (at
/// 48,000 that read took about 400 ms). The open recommendations' rows are read from the partial index
/// <see cref="PostgresReadTuning.SavingsIndexName"/>, which holds them in the order the per-resource best needs (the
/// resource id case-folded, the saving largest first, the id), so no query sorts them. The states in the SQL are
/// literals, not parameters: PostgreSQL uses a partial index only for a query whose condition it can see implies the
/// index's. <see cref="SavingsSums.Of"/> is the same arithmetic in memory, and a test holds the two equal.
/// </summary>
internal static class SavingsSumsSql
{
    /// <summary>How many per-resource bests are read for the plan: ordered exactly in memory, the plan keeps the first hundred.</summary>
    private const int Candidates = 2 * SavingsSums.PlanLength;

    private const string Open = PostgresReadTuning.OpenRecommendation;
    private const string NotPerformance = $"\"Category\" <> '{nameof(RecommendationCategory.Performance)}'";

    public static async Task<SavingsSums> ReadAsync(CostSenseDbContext db, string? subscriptionId, CancellationToken ct)
    {
        var sub = (object?)subscriptionId ?? DBNull.Value;
        var categories = await db.Database.SqlQueryRaw<CategoryRow>(CategoriesSql, sub).ToListAsync(ct);
        var best = await db.Database.SqlQueryRaw<BestRow>(BestSql, sub, SavingsSums.MinimumEffortHours, Candidates).ToListAsync(ct);
        var decided = await db.Database.SqlQueryRaw<DecidedRow>(DecidedSql, sub, Enum.GetNames<RecommendationKind>()).SingleAsync(ct);

        var performance = nameof(RecommendationCategory.Performance);
        var risks = categories.SingleOrDefault(c => c.Category == performance);
        return new SavingsSums(
            categories.Where(c => c.Category != performance)
                .Select(c => new CategorySavings(Enum.Parse<RecommendationCategory>(c.Category), c.Count, c.Monthly, c.Annual, c.Effort))
                .OrderBy(c => c.Category).ToList(),
            risks?.Count ?? 0, risks?.Monthly ?? 0m,
            best.FirstOrDefault()?.TotalMonthly ?? 0m, best.FirstOrDefault()?.TotalEffort ?? 0,
            best.Select(b => new PlanCandidate(b.Id, b.MonthlySavings, b.EffortHours)).ToList(),
            decided.Accepted, decided.Realized);
    }

    /// <summary>{0} is the subscription (the whole tenant when null).</summary>
    private const string Subscription = "({0}::text IS NULL OR \"SubscriptionId\" = {0})";

    /// <summary>Open recommendations per category, Performance among them (the risks).</summary>
    private const string CategoriesSql = $$"""
            SELECT "Category", count(*)::int AS "Count", sum("MonthlySavings") AS "Monthly", sum("AnnualSavings") AS "Annual",
                   sum("EffortHours") AS "Effort"
            FROM "Recommendations" WHERE {{Open}} AND {{Subscription}}
            GROUP BY "Category"
            """;

    /// <summary>
    /// One per resource, its largest saving (the id breaking ties), as the headline counts them; the totals over all of them
    /// ride along each row of the plan's candidates. {1} is the least effort a saving is divided by, {2} how many are read.
    /// </summary>
    private const string BestSql = $$"""
            WITH best AS (
                SELECT DISTINCT ON (lower("ResourceId")) "Id", "MonthlySavings", "EffortHours"
                FROM "Recommendations" WHERE {{Open}} AND {{NotPerformance}} AND {{Subscription}}
                ORDER BY lower("ResourceId"), "MonthlySavings" DESC, "Id")
            SELECT "Id", "MonthlySavings", "EffortHours",
                   sum("MonthlySavings") OVER () AS "TotalMonthly", sum("EffortHours") OVER () AS "TotalEffort"
            FROM best
            ORDER BY "MonthlySavings" / greatest("EffortHours", {1})::numeric DESC, "Id"
            LIMIT {2}
            """;

    /// <summary>
    /// Accepted and implemented recommendations are few: found through the (Kind, IsActive, Status) index, every kind ({1})
    /// and both activity states named so that PostgreSQL, which does not skip-scan, probes it for just those two states.
    /// </summary>
    private const string DecidedSql = $$"""
            SELECT coalesce(sum("MonthlySavings") FILTER (WHERE "IsActive" AND "Status" = '{{nameof(RecommendationStatus.Accepted)}}'), 0) AS "Accepted",
                   coalesce(sum("RealizedMonthlySavings") FILTER (WHERE "Status" = '{{nameof(RecommendationStatus.Implemented)}}'), 0) AS "Realized"
            FROM "Recommendations"
            WHERE "Kind" = ANY({1}) AND "IsActive" IN (true, false)
              AND "Status" IN ('{{nameof(RecommendationStatus.Accepted)}}', '{{nameof(RecommendationStatus.Implemented)}}')
              AND {{NotPerformance}} AND {{Subscription}}
            """;

    private sealed class CategoryRow
    {
        public required string Category { get; init; }
        public int Count { get; init; }
        public decimal Monthly { get; init; }
        public decimal Annual { get; init; }
        public double Effort { get; init; }
    }

    private sealed class BestRow
    {
        public required string Id { get; init; }
        public decimal MonthlySavings { get; init; }
        public double EffortHours { get; init; }
        public decimal TotalMonthly { get; init; }
        public double TotalEffort { get; init; }
    }

    private sealed class DecidedRow
    {
        public decimal Accepted { get; init; }
        public decimal Realized { get; init; }
    }
}
