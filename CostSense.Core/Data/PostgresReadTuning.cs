using CostSense.Core.Data.Entities;

namespace CostSense.Core.Data;

/// <summary>
/// What the EF model cannot say and a large tenant's dashboard needs on PostgreSQL, created by the DashboardAtScale migration
/// (SQLite's stores are small and do without):
/// <list type="bullet">
/// <item>Statistics on how many distinct slices the daily rollups hold. Without them PostgreSQL multiplies the columns'
/// own distinct counts, expects tens of thousands of groups where there are hundreds, and sorts a 90-day range's 63,000
/// rows on disk instead of hashing them in memory (the dashboard's breakdowns: 170 ms against 40 ms).</item>
/// <item>A partial index of the open recommendations in the order the savings summary's per-resource best reads them
/// (the resource id case-folded, the saving largest first, the id), carrying the columns it sums: the summary is then
/// three index reads, not a sort of every recommendation (Recommendations/SavingsSumsSql). It carries the resource id
/// itself too: PostgreSQL reads an expression index alone (an index-only scan) only when the expression's columns are in
/// it; without it, it read the table and sorted (650 ms).</item>
/// <item>An index of the active recommendations by kind carrying the columns the grid's search reads and the savings it
/// totals: a searched grid's count and total are then read from about a twentieth of the table's pages (the rows carry
/// rationale, command and tags), 48 ms instead of 120–140 ms at 48,000 recommendations. Its page is read down the grid's
/// savings index.</item>
/// <item>No parallel workers for the two tables the dashboard reads. Their reads are tens of milliseconds of work, and
/// starting and gathering workers for each cost more than they saved: on the two-core benchmark machine a 90-day daily
/// series took 120–185 ms with two workers and 21–38 ms without, the breakdowns 110–230 ms against 40–100 ms. What reads
/// these tables is interactive (the dashboard, anomalies, budgets, showback, the grids); the large scans (imports,
/// the recompute's window) read the cost and metric tables, which keep their workers.</item>
/// </list>
/// </summary>
public static class PostgresReadTuning
{
    public const string SavingsIndexName = "IX_Recommendations_Savings";
    private const string SearchIndexName = "IX_Recommendations_Search";

    /// <summary>
    /// The savings index's condition: open, active recommendations. A query reads the partial index only when its own
    /// condition implies this one, so the queries that want it (Recommendations/SavingsSumsSql) say it with this text.
    /// </summary>
    public const string OpenRecommendation = $"\"IsActive\" AND \"Status\" = '{nameof(RecommendationStatus.Open)}'";
    private const string SliceStatisticsName = "ST_DailyCostRollups_Slice";

    public const string CreateSql = $"""
        CREATE STATISTICS IF NOT EXISTS "{SliceStatisticsName}" (ndistinct) ON
            "ProviderName", "SubAccountId", "SubAccountName", "ResourceGroup", "ServiceName", "RegionId", "TagEnvironment", "TagCostCenter"
            FROM "DailyCostRollups";
        ANALYZE "DailyCostRollups";
        ALTER TABLE "DailyCostRollups" SET (parallel_workers = 0);
        ALTER TABLE "Recommendations" SET (parallel_workers = 0);
        CREATE INDEX IF NOT EXISTS "{SavingsIndexName}" ON "Recommendations" (lower("ResourceId"), "MonthlySavings" DESC, "Id")
            INCLUDE ("ResourceId", "Category", "AnnualSavings", "EffortHours", "SubscriptionId")
            WHERE {OpenRecommendation};
        CREATE INDEX IF NOT EXISTS "{SearchIndexName}" ON "Recommendations" ("Kind", "IsActive")
            INCLUDE ("ResourceName", "ResourceGroup", "Current", "Target", "MonthlySavings");
        """;

    public const string DropSql = $"""
        ALTER TABLE "DailyCostRollups" RESET (parallel_workers);
        ALTER TABLE "Recommendations" RESET (parallel_workers);
        DROP INDEX IF EXISTS "{SearchIndexName}";
        DROP INDEX IF EXISTS "{SavingsIndexName}";
        DROP STATISTICS IF EXISTS "{SliceStatisticsName}";
        """;
}
