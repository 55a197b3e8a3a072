using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Costs;

/// <summary>
/// Daily cost per scope, read from the rollups only (the daily rollup for the tenant, subscriptions, resource groups and
/// services; the tag rollup for tag values), in one currency: what anomalies, budgets and showback compute from, so they
/// agree with the dashboard to the cent.
/// </summary>
public sealed class ScopeCosts(IDbContextFactory<CostSenseDbContext> dbFactory)
{
    /// <summary>The tenant's billing currency as the dashboard picks it (the one with the most rollup rows); USD for an empty store.</summary>
    public async Task<string> CurrencyAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Nearly every tenant bills in one currency: found by a few index reads, not by counting every rollup row.
        if (await RollupDimensions.CurrenciesAsync(db, ct) is [var only]) return only;
        var top = await db.DailyCostRollups.AsNoTracking().GroupBy(r => r.BillingCurrency)
            .Select(g => new { Currency = g.Key, Rows = g.Count() })
            .OrderByDescending(g => g.Rows).ThenBy(g => g.Currency).FirstOrDefaultAsync(ct);
        return top?.Currency ?? "USD";
    }

    /// <summary>The last day with cost, or null for an empty store.</summary>
    public async Task<DateOnly?> LatestDateAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DailyCostRollups.MaxAsync(r => (DateOnly?)r.Date, ct);
    }

    /// <summary>
    /// Every scope of <paramref name="kind"/> with its cost on each day of [from, to] that has any. For
    /// <see cref="CostScopeKind.Tag"/>, the values of <paramref name="tagKey"/>, or of every key when it is null.
    /// </summary>
    public async Task<IReadOnlyList<ScopeDailyCost>> DailyAsync(CostScopeKind kind, DateOnly from, DateOnly to, string currency,
        string? tagKey, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (kind == CostScopeKind.Tag)
        {
            var tags = db.DailyTagRollups.AsNoTracking().Where(r => r.Date >= from && r.Date <= to && r.BillingCurrency == currency);
            if (tagKey is not null)
            {
                var k = CostTags.NormalizeKey(tagKey);
                tags = tags.Where(r => r.TagKey == k);
            }
            var rows = await tags.GroupBy(r => new { r.TagKey, r.TagValue, r.Date })
                .Select(g => new { g.Key.TagKey, g.Key.TagValue, g.Key.Date, Cost = g.Sum(r => r.EffectiveCost) }).ToListAsync(ct);
            return rows.Select(r => new ScopeDailyCost(CostScope.Tag(r.TagKey, r.TagValue), r.Date, r.Cost)).ToList();
        }

        var q = db.DailyCostRollups.AsNoTracking().Where(r => r.Date >= from && r.Date <= to && r.BillingCurrency == currency);
        switch (kind)
        {
            case CostScopeKind.Total:
                return (await q.GroupBy(r => r.Date).Select(g => new { Date = g.Key, Cost = g.Sum(r => r.EffectiveCost) }).ToListAsync(ct))
                    .Select(r => new ScopeDailyCost(CostScope.Total, r.Date, r.Cost)).ToList();
            case CostScopeKind.Subscription:
                return (await q.GroupBy(r => new { r.SubAccountId, r.SubAccountName, r.Date })
                        .Select(g => new { g.Key.SubAccountId, g.Key.SubAccountName, g.Key.Date, Cost = g.Sum(r => r.EffectiveCost) }).ToListAsync(ct))
                    .Select(r => new ScopeDailyCost(CostScope.Subscription(r.SubAccountId, r.SubAccountName), r.Date, r.Cost)).ToList();
            case CostScopeKind.ResourceGroup:
                return (await q.GroupBy(r => new { r.SubAccountId, r.SubAccountName, r.ResourceGroup, r.Date })
                        .Select(g => new { g.Key.SubAccountId, g.Key.SubAccountName, g.Key.ResourceGroup, g.Key.Date, Cost = g.Sum(r => r.EffectiveCost) }).ToListAsync(ct))
                    .Select(r => new ScopeDailyCost(CostScope.ResourceGroup(r.SubAccountId, r.ResourceGroup, r.SubAccountName), r.Date, r.Cost)).ToList();
            case CostScopeKind.Service:
                return (await q.GroupBy(r => new { r.ServiceName, r.Date })
                        .Select(g => new { g.Key.ServiceName, g.Key.Date, Cost = g.Sum(r => r.EffectiveCost) }).ToListAsync(ct))
                    .Select(r => new ScopeDailyCost(CostScope.Service(r.ServiceName), r.Date, r.Cost)).ToList();
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>One scope's daily cost over [from, to], every day present (zero where it had none).</summary>
    public async Task<IReadOnlyList<DailyCost>> SeriesAsync(CostScope scope, DateOnly from, DateOnly to, string currency, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Dictionary<DateOnly, decimal> byDay;
        if (scope.Kind == CostScopeKind.Tag)
        {
            var (key, value) = CostScope.SplitTag(scope.Key);
            byDay = (await db.DailyTagRollups.AsNoTracking()
                    .Where(r => r.Date >= from && r.Date <= to && r.BillingCurrency == currency && r.TagKey == key && r.TagValue == value)
                    .GroupBy(r => r.Date).Select(g => new { Date = g.Key, Cost = g.Sum(r => r.EffectiveCost) }).ToListAsync(ct))
                .ToDictionary(r => r.Date, r => r.Cost);
        }
        else
        {
            var q = db.DailyCostRollups.AsNoTracking().Where(r => r.Date >= from && r.Date <= to && r.BillingCurrency == currency);
            switch (scope.Kind)
            {
                case CostScopeKind.Subscription: q = q.Where(r => r.SubAccountId == scope.Key); break;
                case CostScopeKind.ResourceGroup:
                    var (sub, group) = CostScope.SplitResourceGroup(scope.Key);
                    q = q.Where(r => r.SubAccountId == sub && r.ResourceGroup == group);
                    break;
                case CostScopeKind.Service: q = q.Where(r => r.ServiceName == scope.Key); break;
            }
            byDay = (await q.GroupBy(r => r.Date).Select(g => new { Date = g.Key, Cost = g.Sum(r => r.EffectiveCost) }).ToListAsync(ct))
                .ToDictionary(r => r.Date, r => r.Cost);
        }
        var list = new List<DailyCost>(to.DayNumber - from.DayNumber + 1);
        for (var d = from; d <= to; d = d.AddDays(1)) list.Add(new DailyCost(d, byDay.GetValueOrDefault(d)));
        return list;
    }

    /// <summary>Every tag key in the store with its cost over [from, to], most cost first.</summary>
    public async Task<IReadOnlyList<(string Key, decimal Cost)>> TagKeysAsync(DateOnly from, DateOnly to, string currency, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.DailyTagRollups.AsNoTracking().Where(r => r.Date >= from && r.Date <= to && r.BillingCurrency == currency)
            .GroupBy(r => r.TagKey).Select(g => new { Key = g.Key, Cost = g.Sum(r => r.EffectiveCost) }).ToListAsync(ct);
        return rows.OrderByDescending(r => r.Cost).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Cost)).ToList();
    }

    /// <summary>The scopes of a kind that have cost in [from, to] (for pickers), by name; tag values of <paramref name="tagKey"/> (or every key).</summary>
    public async Task<IReadOnlyList<CostScope>> ScopesAsync(CostScopeKind kind, DateOnly from, DateOnly to, string currency, string? tagKey, CancellationToken ct)
    {
        if (kind == CostScopeKind.Total) return [CostScope.Total];
        var daily = await DailyAsync(kind, from, to, currency, tagKey, ct);
        return daily.Select(d => d.Scope).Distinct().OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
