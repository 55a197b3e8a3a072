using CostSense.Core.Costs;

namespace CostSense.Tests.Components;

/// <summary>Hand-built read models with round numbers, so a test can say exactly what should appear.</summary>
public static class Snapshots
{
    public static readonly DateOnly Latest = new(2026, 3, 15);

    public static CostKpis Kpis(decimal? change = 5.5m) =>
        new(Latest, 12345.678m, 11700m, change, 25000m, 24000.5m, 16);

    public static DashboardSnapshot For(CostFilter filter, params string[] otherCurrencies) => For(filter, otherCurrencies, ["Microsoft"]);

    /// <summary>A snapshot of a store holding <paramref name="providers"/>; the provider breakdown gives each an equal part.</summary>
    public static DashboardSnapshot For(CostFilter filter, string[] otherCurrencies, string[] providers)
    {
        var daily = Days(filter.From, filter.To, 100m);
        var previous = filter.IsSingleMonth
            ? Days(new DateOnly(filter.To.Year, filter.To.Month, 1).AddMonths(-1), new DateOnly(filter.To.Year, filter.To.Month, 1).AddDays(-1), 90m)
            : [];
        var (prevFrom, prevTo) = CostAnalytics.PreviousPeriod(filter.From, filter.To);
        var before = Days(prevFrom, prevTo, 80m);
        return new DashboardSnapshot(filter, "USD", HasData: true, RangeTotal: daily.Sum(d => d.Cost), Kpis(),
            new PeriodComparison(prevFrom, prevTo, before.Sum(d => d.Cost),
                Math.Round((daily.Sum(d => d.Cost) - before.Sum(d => d.Cost)) / before.Sum(d => d.Cost) * 100m, 2), before),
            new CostTrend(TrendDirection.Increasing, 1.5m, 4.2m), daily, previous,
            TopServices: [new("vm", "Virtual Machines", 900m, 60m), new("st", "Storage Accounts", 600m, 40m)],
            ByResourceGroup: [new("rg-prod", "rg-prod", 1500m, 100m)],
            BySubscription: [new("sub-1", "Contoso Production", 1500m, 100m)],
            ByRegion: [new("eastus", "eastus", 1500m, 100m)],
            ByEnvironment: [new("prod", "prod", 1500m, 100m)],
            ByCostCenter: [new("", "(untagged)", 1500m, 100m)],
            ByProvider: Shares(filter.ProviderName is { } chosen ? [chosen] : providers, 1500m),
            new FleetUtilization(42, 23.4, 61.2, 48.0, 70.5),
            [new StorageTierCapacity("Hot", 3, 2048), new StorageTierCapacity("Cool", 2, 512.25)],
            [new SubscriptionRef("sub-1", "Contoso Production")],
            providers,
            otherCurrencies);
    }

    private static List<CostShare> Shares(string[] names, decimal total) =>
        names.Select(n => new CostShare(n, n, total / names.Length, 100m / names.Length)).ToList();

    private static List<DailyCost> Days(DateOnly from, DateOnly to, decimal cost)
    {
        var list = new List<DailyCost>();
        for (var d = from; d <= to; d = d.AddDays(1)) list.Add(new DailyCost(d, cost + d.Day));
        return list;
    }
}
