using CostSense.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Costs;

/// <summary>
/// The filter bar's choices — every provider, and every subscription of a provider — and the billing currencies, read
/// from the daily rollups. A plain DISTINCT reads every rollup row (hundreds of thousands in a large tenant, over a second); on PostgreSQL a
/// recursive query walks the (ProviderName, SubAccountId, SubAccountName) index instead, one index probe per distinct
/// value (a skip scan, which PostgreSQL 15 does not do by itself), so the lists cost a few index reads whatever the
/// tenant's size. SQLite keeps the DISTINCT: its stores are small.
/// </summary>
internal static class RollupDimensions
{
    /// <summary>Every provider the rollups hold (a skip scan of the (provider, subscription) index on PostgreSQL).</summary>
    public static async Task<List<string>> ProvidersAsync(CostSenseDbContext db, CancellationToken ct) =>
        db.Database.IsNpgsql()
            ? await db.Database.SqlQueryRaw<string>(ProvidersSql).ToListAsync(ct)
            : await db.DailyCostRollups.AsNoTracking().Select(r => r.ProviderName).Distinct().ToListAsync(ct);

    /// <summary>Every billing currency the rollups hold (a skip scan of the currency index on PostgreSQL).</summary>
    public static async Task<List<string>> CurrenciesAsync(CostSenseDbContext db, CancellationToken ct) =>
        db.Database.IsNpgsql()
            ? await db.Database.SqlQueryRaw<string>(CurrenciesSql).ToListAsync(ct)
            : await db.DailyCostRollups.AsNoTracking().Select(r => r.BillingCurrency).Distinct().ToListAsync(ct);

    private static readonly string ProvidersSql = SkipScan("ProviderName");
    private static readonly string CurrenciesSql = SkipScan("BillingCurrency");

    /// <summary>
    /// The distinct values of a rollup column that leads an index: its first value, then each time the first one after the
    /// last found, one index probe each. The column is always one of the constants above, never input.
    /// </summary>
    private static string SkipScan(string column) => $$"""
        WITH RECURSIVE d AS (
            (SELECT "{{column}}" AS v FROM "DailyCostRollups" ORDER BY "{{column}}" LIMIT 1)
            UNION ALL
            SELECT (SELECT r."{{column}}" FROM "DailyCostRollups" r WHERE r."{{column}}" > d.v ORDER BY r."{{column}}" LIMIT 1)
            FROM d WHERE d.v IS NOT NULL)
        SELECT v AS "Value" FROM d WHERE v IS NOT NULL
        """;

    /// <summary>Every subscription (or account) with its name and provider; only <paramref name="provider"/>'s when given.</summary>
    public static async Task<List<SubscriptionRef>> SubscriptionsAsync(CostSenseDbContext db, string? provider, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            var rollups = db.DailyCostRollups.AsNoTracking();
            if (provider is not null) rollups = rollups.Where(r => r.ProviderName == provider);
            return await rollups.Select(r => new { r.SubAccountId, r.SubAccountName, r.ProviderName }).Distinct()
                .Select(s => new SubscriptionRef(s.SubAccountId, s.SubAccountName, s.ProviderName)).ToListAsync(ct);
        }
        // The first row of the index (of the provider's part of it), then each time the first row after the last one found.
        var rows = await db.Database.SqlQueryRaw<Row>("""
            WITH RECURSIVE s AS (
                (SELECT "ProviderName" AS p, "SubAccountId" AS i, "SubAccountName" AS n FROM "DailyCostRollups"
                 WHERE {0}::text IS NULL OR "ProviderName" = {0}
                 ORDER BY 1, 2, 3 LIMIT 1)
                UNION ALL
                SELECT x.* FROM s, LATERAL (
                    SELECT r."ProviderName", r."SubAccountId", r."SubAccountName" FROM "DailyCostRollups" r
                    WHERE (r."ProviderName", r."SubAccountId", r."SubAccountName") > (s.p, s.i, s.n)
                      AND ({0}::text IS NULL OR r."ProviderName" = {0})
                    ORDER BY 1, 2, 3 LIMIT 1) x)
            SELECT p AS "Provider", i AS "Id", n AS "Name" FROM s
            """, provider!).ToListAsync(ct);
        return rows.Select(r => new SubscriptionRef(r.Id, r.Name, r.Provider)).ToList();
    }

    private sealed record Row(string Provider, string Id, string Name);
}
