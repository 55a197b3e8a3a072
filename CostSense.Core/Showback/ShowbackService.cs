using CostSense.Core.Caching;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Showback;

/// <summary>
/// Cost by any tag key, with the allocation rules of that key applied: the chargeback table the /showback page and its
/// CSV show. It reads the rollups only, in the dashboard's currency: the daily rollup for each resource group's total
/// (the same rows the dashboard sums), the tag rollup for what each value carries. A group's untagged cost is its total
/// less its values, so the table's total is the dashboard's range total to the cent whatever the tags look like.
/// </summary>
public sealed class ShowbackService(IDbContextFactory<CostSenseDbContext> dbFactory, ScopeCosts scopeCosts, QueryCache cache)
{
    /// <summary>Every tag key with cost in the range (and subscription), most cost first, with its coverage.</summary>
    public async Task<IReadOnlyList<TagKeyCoverage>> TagKeysAsync(DateOnly from, DateOnly to, string? subscriptionId, CancellationToken ct)
    {
        var currency = await scopeCosts.CurrencyAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await Totals(db, from, to, currency, subscriptionId).SumAsync(r => r.EffectiveCost, ct);
        var tags = db.DailyTagRollups.AsNoTracking().Where(r => r.Date >= from && r.Date <= to && r.BillingCurrency == currency);
        if (subscriptionId is not null) tags = tags.Where(r => r.SubAccountId == subscriptionId);
        var keys = await tags.GroupBy(r => r.TagKey).Select(g => new { g.Key, Cost = g.Sum(r => r.EffectiveCost) }).ToListAsync(ct);
        return keys.OrderByDescending(k => k.Cost).ThenBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => new TagKeyCoverage(k.Key, k.Cost, Percent(k.Cost, total))).ToList();
    }

    /// <summary>
    /// The chargeback table of a view: direct, allocated and total per value, the untagged row, the total. Cached under
    /// what it reads: the months' versions (an import moves them) and the enabled rules; the dashboard's card asks on
    /// every range change, and at a large tenant's size its two groupings cost hundreds of milliseconds.
    /// </summary>
    public async Task<ShowbackView> GetAsync(ShowbackQuery query, CancellationToken ct)
    {
        if (query.To < query.From) throw new ArgumentException($"The range ends ({query.To:yyyy-MM-dd}) before it starts ({query.From:yyyy-MM-dd}).", nameof(query));
        var key = CostTags.NormalizeKey(query.TagKey);
        query = query with { TagKey = key };
        var currency = await scopeCosts.CurrencyAsync(ct);
        List<AllocationRule> rules;
        string cacheKey;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            rules = await db.AllocationRules.AsNoTracking().Where(r => r.Enabled).OrderBy(r => r.Id).ToListAsync(ct);
            var stamp = await PeriodVersions.StampAsync(db, query.From, query.To, ct);
            cacheKey = $"{CacheKeyPrefix}{Uri.EscapeDataString(key)}:{query.From:yyyyMMdd}:{query.To:yyyyMMdd}:" +
                $"{(query.SubscriptionId is { } sub ? "=" + Uri.EscapeDataString(sub) : "*")}:{currency}:{stamp}:{RulesStamp(rules)}";
        }
        return await cache.GetOrCreateAsync(cacheKey, c => ComputeAsync(query, currency, rules, c), ct);
    }

    /// <summary>Where the showback cache's keys start; the version moves when the view's shape does.</summary>
    public const string CacheKeyPrefix = "showback:v1:";

    /// <summary>The enabled rules as a short hash of everything that shapes a view (an edit changes it).</summary>
    private static string RulesStamp(IEnumerable<AllocationRule> rules)
    {
        var text = string.Join('\n', rules.Select(r => string.Join('\t', r.Id, r.Name, r.TagKey, r.Source, r.SourceKeys, r.Method, r.FixedShares, r.Order)));
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
    }

    private async Task<ShowbackView> ComputeAsync(ShowbackQuery query, string currency, List<AllocationRule> rules, CancellationToken ct)
    {
        var key = query.TagKey;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = await Totals(db, query.From, query.To, currency, query.SubscriptionId)
            .GroupBy(r => new { r.SubAccountId, r.ResourceGroup })
            .Select(g => new { g.Key.SubAccountId, g.Key.ResourceGroup, Cost = g.Sum(r => r.EffectiveCost) }).ToListAsync(ct);
        var tags = db.DailyTagRollups.AsNoTracking()
            .Where(r => r.Date >= query.From && r.Date <= query.To && r.BillingCurrency == currency && r.TagKey == key);
        if (query.SubscriptionId is { } sub) tags = tags.Where(r => r.SubAccountId == sub);
        var tagged = await tags.GroupBy(r => new { r.SubAccountId, r.ResourceGroup, r.TagValue })
            .Select(g => new { g.Key.SubAccountId, g.Key.ResourceGroup, g.Key.TagValue, Cost = g.Sum(r => r.EffectiveCost) }).ToListAsync(ct);

        var cells = Cells(groups.Select(g => (g.SubAccountId, g.ResourceGroup, g.Cost)),
            tagged.Select(t => (t.SubAccountId, t.ResourceGroup, t.TagValue, t.Cost)));
        var mine = rules.Where(r => r.TagKey == key).OrderBy(r => r.Order).ThenBy(r => r.Id).ToList();
        var others = rules.Where(r => r.TagKey != key).OrderBy(r => r.Order).ThenBy(r => r.Id).Select(r => $"{r.Name} ({r.TagKey})").ToList();
        return Build(query, currency, cells, groups.Sum(g => g.Cost), mine, others);
    }

    /// <summary>
    /// The cells of a view: each resource group's tagged cost per value, and its untagged cost (its total less its
    /// values, which a row without the key, with unreadable tags or with an empty value lands in). They add up to the
    /// groups' totals exactly.
    /// </summary>
    public static IReadOnlyList<AllocationCell> Cells(IEnumerable<(string Sub, string Group, decimal Cost)> groups,
        IEnumerable<(string Sub, string Group, string Value, decimal Cost)> tagged)
    {
        var cells = new List<AllocationCell>();
        var untagged = groups.GroupBy(g => (g.Sub, g.Group)).ToDictionary(g => g.Key, g => g.Sum(x => x.Cost));
        foreach (var t in tagged)
        {
            cells.Add(new(t.Sub, t.Group, t.Value, t.Cost));
            // A tag row without its group's total (it should not happen) still balances: the group's untagged cost goes negative.
            untagged[(t.Sub, t.Group)] = untagged.GetValueOrDefault((t.Sub, t.Group)) - t.Cost;
        }
        cells.AddRange(untagged.Where(u => u.Value != 0).Select(u => new AllocationCell(u.Key.Sub, u.Key.Group, null, u.Value)));
        return cells;
    }

    /// <summary>Runs the rules and rounds the table by largest remainder to the total in cents.</summary>
    public static ShowbackView Build(ShowbackQuery query, string currency, IReadOnlyList<AllocationCell> cells, decimal exactTotal,
        IReadOnlyList<AllocationRule> rules, IReadOnlyList<string> otherKeyRules)
    {
        var result = AllocationEngine.Run(cells, rules);
        var values = result.Values.Where(v => v.Key != AllocationEngine.Untagged && (v.Value.Direct != 0 || v.Value.In != 0 || v.Value.Out != 0))
            .OrderByDescending(v => v.Value.Total).ThenBy(v => v.Key, StringComparer.Ordinal).ToList();
        var rows = values.Select(v => ((string?)v.Key, v.Value)).Append((null, result.Values[AllocationEngine.Untagged])).ToList();

        var total = LargestRemainder.Cents(exactTotal);
        var totals = LargestRemainder.Round(rows.Select(r => r.Item2.Total).ToList(), total);
        var directs = LargestRemainder.Round(rows.Select(r => r.Item2.Direct).ToList(), total);
        // Each share on its own: two values with the same total show the same share (so shares may add up to 100 ± 0.01).
        var shares = totals.Select(t => total == 0 ? (decimal?)null : LargestRemainder.Cents(t * 100m / total)).ToArray();
        var table = rows.Select((r, i) => new ShowbackRow(r.Item1, directs[i], totals[i] - directs[i], totals[i], shares[i],
            LargestRemainder.Cents(r.Item2.In), LargestRemainder.Cents(r.Item2.Out))).ToList();
        var tagged = cells.Where(c => c.Value is not null).Sum(c => c.Cost);
        return new ShowbackView(query, currency, cells.Count > 0, table[..^1], table[^1], total, exactTotal,
            Percent(tagged, exactTotal), result.Outcomes, otherKeyRules);
    }

    /// <summary>The rows the dashboard's range total sums: the daily rollup's, in its currency, for the subscription when one is chosen.</summary>
    private static IQueryable<DailyCostRollup> Totals(CostSenseDbContext db, DateOnly from, DateOnly to, string currency, string? subscriptionId)
    {
        var q = db.DailyCostRollups.AsNoTracking().Where(r => r.Date >= from && r.Date <= to && r.BillingCurrency == currency);
        return subscriptionId is null ? q : q.Where(r => r.SubAccountId == subscriptionId);
    }

    private static decimal? Percent(decimal part, decimal total) => total > 0 ? Math.Round(part * 100m / total, 1, MidpointRounding.AwayFromZero) : null;
}
