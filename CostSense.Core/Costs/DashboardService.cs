using CostSense.Core.Caching;
using CostSense.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Costs;

/// <summary>
/// Builds the dashboard from rollups and inventory only, so its cost does not grow with raw cost rows.
/// Results are cached under a key that carries every filter field and the versions of the months they read.
/// Azure inventory (utilization, storage tiers) belongs to the "Microsoft" provider: another provider's view has none.
/// </summary>
public sealed class DashboardService(IDbContextFactory<CostSenseDbContext> dbFactory, QueryCache cache) : IDashboardService
{
    private const int TopServices = 8;
    private const int TopGroups = 10;

    /// <summary>
    /// Where the dashboard's cache keys start. The version moves whenever the snapshot's shape changes (v2: providers;
    /// v3: the comparison with the period before), so an entry of an older shape is never read back as the new one.
    /// </summary>
    public const string CacheKeyPrefix = "dashboard:v3:";

    public async Task<DateOnly?> LatestDataDateAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DailyCostRollups.MaxAsync(r => (DateOnly?)r.Date, ct);
    }

    public async Task<DashboardSnapshot> GetAsync(CostFilter filter, CancellationToken ct)
    {
        if (filter.To < filter.From) throw new ArgumentException($"The range ends ({filter.To:yyyy-MM-dd}) before it starts ({filter.From:yyyy-MM-dd}).", nameof(filter));
        var dailyFrom = DailyWindowStart(filter);
        string stamp;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            stamp = await PeriodVersions.StampAsync(db, dailyFrom, filter.To, ct);
        // Every filter field is in the key, escaped so that no value can pose as another's.
        var key = $"{CacheKeyPrefix}{filter.From:yyyyMMdd}:{filter.To:yyyyMMdd}:{KeyPart(filter.SubscriptionId)}:{KeyPart(filter.ProviderName)}:{stamp}";
        return await cache.GetOrCreateAsync(key, c => QueryAsync(filter, dailyFrom, c), ct);
    }

    /// <summary>A filter value in a cache key: "*" for none, otherwise escaped (so no ':' or '*' of its own).</summary>
    private static string KeyPart(string? value) => value is null ? "*" : "=" + Uri.EscapeDataString(value);

    /// <summary>
    /// Daily totals are needed from the earliest of: the range, the period before it (the comparison), last month (for
    /// the KPIs), and the forecast and trend windows.
    /// </summary>
    private static DateOnly DailyWindowStart(CostFilter f)
    {
        var prevMonth = new DateOnly(f.To.Year, f.To.Month, 1).AddMonths(-1);
        var windows = f.To.AddDays(-Math.Max(CostAnalytics.ForecastWindowDays, CostAnalytics.TrendWindowDays));
        return new[] { f.From, CostAnalytics.PreviousPeriod(f.From, f.To).From, prevMonth, windows }.Min();
    }

    private async Task<DashboardSnapshot> QueryAsync(CostFilter f, DateOnly dailyFrom, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rollups = db.DailyCostRollups.AsNoTracking();
        if (f.SubscriptionId is { } sub) rollups = rollups.Where(r => r.SubAccountId == sub);
        if (f.ProviderName is { } provider) rollups = rollups.Where(r => r.ProviderName == provider);

        // The choices of the filter bar: every provider, and the subscriptions of the chosen provider.
        var providers = await RollupDimensions.ProvidersAsync(db, ct);
        var subscriptions = await RollupDimensions.SubscriptionsAsync(db, f.ProviderName, ct);

        // One scan of the daily window gives the totals per currency; the view shows one currency, the
        // tenant's billing currency (the one with the most rollup rows), and names the others. Every figure
        // below reads only that currency: amounts in different currencies are never added together.
        var dailyRows = await rollups.Where(r => r.Date >= dailyFrom && r.Date <= f.To)
            .GroupBy(r => new { r.Date, r.BillingCurrency })
            .Select(g => new { g.Key.Date, g.Key.BillingCurrency, Cost = g.Sum(r => r.EffectiveCost), Rows = g.Count() })
            .ToListAsync(ct);
        var currencies = dailyRows.GroupBy(d => d.BillingCurrency).OrderByDescending(g => g.Sum(d => d.Rows)).Select(g => g.Key).ToList();
        var currency = currencies.FirstOrDefault() ?? "USD";
        rollups = rollups.Where(r => r.BillingCurrency == currency);
        var daily = dailyRows.Where(d => d.BillingCurrency == currency).ToDictionary(d => d.Date, d => d.Cost);

        var slices = await rollups.Where(r => r.Date >= f.From && r.Date <= f.To)
            .GroupBy(r => new { r.ProviderName, r.SubAccountId, r.SubAccountName, r.ResourceGroup, r.ServiceName, r.RegionId, r.TagEnvironment, r.TagCostCenter })
            .Select(g => new Slice(g.Key.ProviderName, g.Key.SubAccountId, g.Key.SubAccountName, g.Key.ResourceGroup, g.Key.ServiceName, g.Key.RegionId,
                g.Key.TagEnvironment, g.Key.TagCostCenter, g.Sum(r => r.EffectiveCost)))
            .ToListAsync(ct);
        IReadOnlyList<CostShare> By(Func<Slice, (string Key, string Name)> pick, int take) =>
            CostAnalytics.Shares(slices.GroupBy(pick).Select(g => (g.Key.Key, g.Key.Name, g.Sum(x => x.Cost))), take);

        var series = Series(daily, f.From, f.To);
        var monthStart = new DateOnly(f.To.Year, f.To.Month, 1);
        var previous = f.IsSingleMonth ? Series(daily, monthStart.AddMonths(-1), monthStart.AddDays(-1)) : [];

        return new DashboardSnapshot(
            f, currency, HasData: daily.Count > 0,
            RangeTotal: series.Sum(d => d.Cost),
            Kpis: CostAnalytics.Kpis(daily, f.To),
            Previous: CostAnalytics.Compare(daily, f.From, f.To),
            Trend: CostAnalytics.Trend(daily, f.To),
            Daily: series, PreviousMonthDaily: previous,
            TopServices: By(x => (x.Service, x.Service), TopServices),
            ByResourceGroup: ResourceGroups(slices),
            BySubscription: By(x => (x.SubscriptionId, x.SubscriptionName), TopGroups),
            ByRegion: By(x => (x.Region, x.Region), TopGroups),
            ByEnvironment: By(x => (x.Environment ?? "", x.Environment ?? "(untagged)"), TopGroups),
            ByCostCenter: By(x => (x.CostCenter ?? "", x.CostCenter ?? "(untagged)"), TopGroups),
            ByProvider: By(x => (x.Provider, x.Provider), TopGroups),
            Utilization: f.IncludesAzureInventory ? await UtilizationAsync(db, f, ct) : FleetUtilization.None,
            StorageByTier: f.IncludesAzureInventory ? await StorageAsync(db, f, ct) : [],
            Subscriptions: subscriptions.OrderBy(s => s.Name).ToList(),
            Providers: providers.Order(StringComparer.Ordinal).ToList(),
            OtherCurrencies: currencies.Where(c => c != currency).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// A resource group is named within its subscription: groups are kept apart per subscription, and a name
    /// that appears in several (NetworkWatcherRG, say) says which subscription each one is in.
    /// </summary>
    private static IReadOnlyList<CostShare> ResourceGroups(List<Slice> slices)
    {
        var groups = slices.GroupBy(x => (x.SubscriptionId, x.SubscriptionName, x.ResourceGroup)).ToList();
        var shared = groups.GroupBy(g => g.Key.ResourceGroup, StringComparer.OrdinalIgnoreCase).Where(n => n.Count() > 1)
            .Select(n => n.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return CostAnalytics.Shares(groups.Select(g => (
            $"{g.Key.SubscriptionId}/{g.Key.ResourceGroup}",
            shared.Contains(g.Key.ResourceGroup) ? $"{g.Key.ResourceGroup} ({g.Key.SubscriptionName})" : g.Key.ResourceGroup,
            g.Sum(x => x.Cost))), TopGroups);
    }

    private sealed record Slice(string Provider, string SubscriptionId, string SubscriptionName, string ResourceGroup, string Service, string Region,
        string? Environment, string? CostCenter, decimal Cost);

    private static List<DailyCost> Series(Dictionary<DateOnly, decimal> daily, DateOnly from, DateOnly to)
    {
        var list = new List<DailyCost>();
        for (var d = from; d <= to; d = d.AddDays(1))
            if (daily.TryGetValue(d, out var cost)) list.Add(new DailyCost(d, cost));
        return list;
    }

    private static async Task<FleetUtilization> UtilizationAsync(CostSenseDbContext db, CostFilter f, CancellationToken ct)
    {
        var q = db.UtilizationRollups.AsNoTracking().Where(u => u.Date >= f.From && u.Date <= f.To);
        if (f.SubscriptionId is { } sub) q = q.Where(u => u.SubscriptionId == sub);
        var days = await q.GroupBy(u => u.Date).Select(g => new
        {
            Date = g.Key,
            Vms = g.Sum(u => u.VmCount),
            Cpu = g.Sum(u => u.CpuAverageSum), CpuP95 = g.Sum(u => u.CpuP95Sum),
            Mem = g.Sum(u => u.MemoryAverageSum), MemP95 = g.Sum(u => u.MemoryP95Sum),
        }).ToListAsync(ct);
        var vmDays = days.Sum(d => d.Vms);
        if (vmDays == 0) return FleetUtilization.None;
        // VM-day weighted means; the running count is that of the range's last day with metrics.
        return new FleetUtilization(
            days.MaxBy(d => d.Date)!.Vms,
            Math.Round(days.Sum(d => d.Cpu) / vmDays, 1), Math.Round(days.Sum(d => d.CpuP95) / vmDays, 1),
            Math.Round(days.Sum(d => d.Mem) / vmDays, 1), Math.Round(days.Sum(d => d.MemP95) / vmDays, 1));
    }

    private static async Task<IReadOnlyList<StorageTierCapacity>> StorageAsync(CostSenseDbContext db, CostFilter f, CancellationToken ct)
    {
        var q = db.StorageAccounts.AsNoTracking();
        if (f.SubscriptionId is { } sub) q = q.Where(a => a.SubscriptionId == sub);
        var tiers = await q.Select(a => new { a.AccessTier, a.UsedCapacityGiB }).ToListAsync(ct);
        return tiers.GroupBy(t => t.AccessTier).OrderBy(g => g.Key)
            .Select(g => new StorageTierCapacity(g.Key.ToString(), g.Count(), Math.Round(g.Sum(t => t.UsedCapacityGiB), 1)))
            .ToList();
    }
}
