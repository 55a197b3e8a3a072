using CostSense.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Costs;

/// <summary>
/// The cost questions the dashboard does not answer on its own: why one day differs from its usual level (anomalies
/// are Anomalies/AnomalyService's). Read from the daily rollups, in the tenant's billing currency.
/// </summary>
public sealed class CostInsights(IDbContextFactory<CostSenseDbContext> dbFactory)
{
    /// <summary>The same kind of day in these days before a day make its usual level.</summary>
    public const int UsualDays = 28;

    public async Task<DayComparison> CompareDayAsync(DateOnly day, int top, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var currency = await CurrencyAsync(db, ct);
        var windowFrom = day.AddDays(-UsualDays);
        var rows = await db.DailyCostRollups.AsNoTracking()
            .Where(r => r.Date >= windowFrom && r.Date <= day && r.BillingCurrency == currency)
            .GroupBy(r => new { r.ServiceName, r.ResourceGroup, r.Date })
            .Select(g => new { g.Key.ServiceName, g.Key.ResourceGroup, g.Key.Date, Cost = g.Sum(r => r.EffectiveCost) })
            .ToListAsync(ct);
        var weekend = CostAnalytics.IsWeekend(day);
        var usualDays = rows.Select(r => r.Date).Where(d => d < day && CostAnalytics.IsWeekend(d) == weekend).Distinct().Count();

        decimal UsualOf(IEnumerable<decimal> costs) => usualDays == 0 ? 0 : Math.Round(costs.Sum() / usualDays, 2);
        IReadOnlyList<CostMover> Movers(Func<string, string, string> key) => rows
            .GroupBy(r => key(r.ServiceName, r.ResourceGroup))
            .Select(g => new CostMover(g.Key,
                g.Where(r => r.Date == day).Sum(r => r.Cost),
                UsualOf(g.Where(r => r.Date < day && CostAnalytics.IsWeekend(r.Date) == weekend).Select(r => r.Cost))))
            .OrderByDescending(m => Math.Abs(m.Change)).Take(Math.Clamp(top, 1, 20)).ToList();

        return new DayComparison(day, currency,
            rows.Where(r => r.Date == day).Sum(r => r.Cost),
            UsualOf(rows.Where(r => r.Date < day && CostAnalytics.IsWeekend(r.Date) == weekend).Select(r => r.Cost)),
            Movers((service, _) => service),
            Movers((_, group) => group));
    }

    /// <summary>Resource group names in the store, for validating what a user or a model names.</summary>
    public async Task<IReadOnlyList<string>> ResourceGroupsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var fromCost = await db.DailyCostRollups.AsNoTracking().Select(r => r.ResourceGroup).Distinct().ToListAsync(ct);
        return fromCost.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The tenant's billing currency: the one with the most rollup rows (as the dashboard picks it).</summary>
    private static async Task<string> CurrencyAsync(CostSenseDbContext db, CancellationToken ct) =>
        await db.DailyCostRollups.AsNoTracking().GroupBy(r => r.BillingCurrency)
            .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync(ct) ?? "USD";
}
