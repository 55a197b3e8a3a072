using CostSense.Core.Access;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Imports;
using CostSense.Tests.Imports;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Costs;

/// <summary>
/// The dashboard over a multi-cloud store, on SQLite and PostgreSQL: the provider breakdown equals the stored rows'
/// sums per provider, a provider filter narrows every figure (KPIs, forecast, daily series, every breakdown, tags),
/// Azure's inventory shows only in Azure's view, and no figure ever adds two currencies together. Expected figures are
/// computed from the raw cost rows in the store (the dashboard itself reads the rollups).
/// </summary>
public abstract class DashboardProviderTests
{
    // The FOCUS sample covers September 2024; the clock stands just after it, as if the export had arrived.
    private static readonly DateTimeOffset SampleNow = new(2024, 10, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FocusSample_ProviderBreakdown_EqualsEachProvidersStoredRows()
    {
        var path = SharedData.File("focus_sample.csv");
        await using var host = await CoreHost.StartAsync(Kind, SampleNow);
        await host.Get<CostImporter>().ImportFileAsync(Actor.System, ImportFile.FromPath(path), Ct);
        var dashboard = host.Get<IDashboardService>();
        var asOf = await dashboard.AsOfAsync(host.Time, Ct);
        var filter = new CostFilter(new DateOnly(asOf.Year, asOf.Month, 1), asOf);

        var snapshot = await dashboard.GetAsync(filter, Ct);

        var rows = await RowsAsync(host, filter);
        var currency = Assert.Single(rows.Select(r => r.BillingCurrency).Distinct());
        var byProvider = rows.GroupBy(r => r.ProviderName).ToDictionary(g => g.Key, g => g.Sum(r => r.EffectiveCost));
        Assert.True(byProvider.Count > 1, "the sample should hold several providers");
        Assert.Equal(currency, snapshot.Currency);
        Assert.Equal(byProvider.Keys.Order(StringComparer.Ordinal), snapshot.Providers);
        // A breakdown leaves out what cost nothing (the sample's Oracle rows have an effective cost of 0).
        Assert.Equal(byProvider.Where(p => p.Value != 0).OrderBy(p => p.Key).ToList(),
            snapshot.ByProvider.Select(s => KeyValuePair.Create(s.Name, s.Cost)).OrderBy(p => p.Key).ToList());
        Assert.Equal(rows.Sum(r => r.EffectiveCost), snapshot.Kpis.MonthToDate);
        Assert.Equal(snapshot.RangeTotal, snapshot.ByProvider.Sum(s => s.Cost));
        Assert.InRange(snapshot.ByProvider.Sum(s => s.SharePercent), 99.9m, 100.1m);
    }

    [Fact]
    public async Task FocusSample_FilteredByEachProvider_EveryFigureIsThatProvidersAlone()
    {
        var path = SharedData.File("focus_sample.csv");
        await using var host = await CoreHost.StartAsync(Kind, SampleNow);
        await host.Get<CostImporter>().ImportFileAsync(Actor.System, ImportFile.FromPath(path), Ct);
        var dashboard = host.Get<IDashboardService>();
        var asOf = await dashboard.AsOfAsync(host.Time, Ct);
        var month = new CostFilter(new DateOnly(asOf.Year, asOf.Month, 1), asOf);
        var all = await dashboard.GetAsync(month, Ct);
        var rows = await RowsAsync(host, month);

        foreach (var provider in all.Providers)
        {
            var filter = month with { ProviderName = provider };
            var snapshot = await dashboard.GetAsync(filter, Ct);
            AssertFiguresOf(rows.Where(r => r.ProviderName == provider).ToList(), snapshot);
            Assert.Equal(all.Providers, snapshot.Providers);
            Assert.All(snapshot.Subscriptions, s => Assert.Equal(provider, s.ProviderName));
            Assert.Equal(rows.Where(r => r.ProviderName == provider).Select(r => r.SubAccountId).Distinct().Order(), snapshot.Subscriptions.Select(s => s.Id).Distinct().Order());
        }
        AssertFiguresOf(rows, all);
    }

    [Fact]
    public async Task ProviderFilter_NarrowsLastMonthForecastAndTrend_AndTheCacheKeepsProvidersApart()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        var store = host.Get<CostStore>();
        // Two clouds over February and March with different shapes: Azure flat, AWS rising, so every KPI differs.
        var rows = Days(new(2026, 2, 1), new(2026, 3, 20), d => 10m, "Microsoft", "sub-azure", "EUR")
            .Concat(Days(new(2026, 2, 1), new(2026, 3, 20), d => 1m + d.DayNumber % 50 * 0.25m, "AWS", "111122223333", "EUR"));
        await store.ReplacePeriodAsync("focus", new(2026, 2, 1), new(2026, 4, 1), rows, Ct);
        var dashboard = host.Get<IDashboardService>();
        var month = new CostFilter(new(2026, 3, 1), new(2026, 3, 20));
        var lastMonth = new CostFilter(new(2026, 2, 1), new(2026, 2, 28));
        var stored = await RowsAsync(host, new CostFilter(new(2026, 2, 1), new(2026, 3, 20)));

        // Warm the cache with the unfiltered views first: a key without the provider would serve them back below.
        var allMonth = await dashboard.GetAsync(month, Ct);
        await dashboard.GetAsync(lastMonth, Ct);
        foreach (var provider in new[] { "Microsoft", "AWS" })
        {
            var mine = stored.Where(r => r.ProviderName == provider).ToList();
            var daily = mine.GroupBy(r => r.ChargePeriodStart).ToDictionary(g => g.Key, g => g.Sum(r => r.EffectiveCost));

            var snapshot = await dashboard.GetAsync(month with { ProviderName = provider }, Ct);
            var previous = await dashboard.GetAsync(lastMonth with { ProviderName = provider }, Ct);

            Assert.Equal(CostAnalytics.Kpis(daily, month.To), snapshot.Kpis);
            Assert.Equal(CostAnalytics.Trend(daily, month.To), snapshot.Trend);
            Assert.Equal(Series(daily, lastMonth.From, lastMonth.To), snapshot.PreviousMonthDaily);
            AssertFiguresOf(mine.Where(r => r.ChargePeriodStart >= month.From).ToList(), snapshot);
            AssertFiguresOf(mine.Where(r => r.ChargePeriodStart <= lastMonth.To).ToList(), previous);
            Assert.Equal(mine.Where(r => r.ChargePeriodStart <= lastMonth.To).Sum(r => r.EffectiveCost), snapshot.Kpis.PreviousMonthTotal);
            Assert.NotEqual(allMonth.Kpis.ForecastMonthEnd, snapshot.Kpis.ForecastMonthEnd);
        }
        Assert.Equal(stored.Where(r => r.ChargePeriodStart >= month.From).Sum(r => r.EffectiveCost), allMonth.Kpis.MonthToDate);
    }

    [Fact]
    public async Task ProviderFilter_OtherThanAzure_ShowsNoAzureInventory()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now, SmallDemo, demoTenant: true);
        var asOf = DateOnly.FromDateTime(Now.UtcDateTime);
        var month = new CostFilter(new DateOnly(asOf.Year, asOf.Month, 1), asOf);
        await host.Get<CostStore>().ReplacePeriodAsync("aws-cur", month.From, month.From.AddMonths(1),
            Days(month.From, asOf, _ => 3m, "AWS", "111122223333", "USD"), Ct);
        var dashboard = host.Get<IDashboardService>();

        var azure = await dashboard.GetAsync(month with { ProviderName = CostFilter.AzureProvider }, Ct);
        var aws = await dashboard.GetAsync(month with { ProviderName = "AWS" }, Ct);

        Assert.True(azure.Utilization.RunningVms > 0);
        Assert.NotEmpty(azure.StorageByTier);
        Assert.Equal(FleetUtilization.None, aws.Utilization);
        Assert.Empty(aws.StorageByTier);
        Assert.Equal(3m * asOf.Day, aws.Kpis.MonthToDate);
    }

    [Fact]
    public async Task ImportedUsd_BesideEuro_NeverAddsTheTwo_AndEachProviderShowsItsOwnCurrency()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        // Azure billed in EUR (as a European demo would be), an imported AWS file in USD with more rows: USD leads.
        var rows = Days(new(2026, 3, 1), new(2026, 3, 10), _ => 50m, "Microsoft", "sub-azure", "EUR")
            .Concat(Days(new(2026, 3, 1), new(2026, 3, 10), _ => 2m, "AWS", "111122223333", "USD"))
            .Concat(Days(new(2026, 3, 1), new(2026, 3, 10), _ => 1.5m, "AWS", "444455556666", "USD", "Amazon S3"));
        await host.Get<CostStore>().ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), rows, Ct);
        var dashboard = host.Get<IDashboardService>();
        var month = new CostFilter(new(2026, 3, 1), new(2026, 3, 10));
        var stored = await RowsAsync(host, month);

        var all = await dashboard.GetAsync(month, Ct);
        var azure = await dashboard.GetAsync(month with { ProviderName = "Microsoft" }, Ct);

        Assert.Equal("USD", all.Currency);
        Assert.Equal(["EUR"], all.OtherCurrencies);
        AssertFiguresOf(stored.Where(r => r.BillingCurrency == "USD").ToList(), all);
        Assert.Equal(["AWS"], all.ByProvider.Select(p => p.Name));
        Assert.Equal(["AWS", "Microsoft"], all.Providers);
        Assert.Equal(("EUR", 0), (azure.Currency, azure.OtherCurrencies.Count));
        AssertFiguresOf(stored.Where(r => r.ProviderName == "Microsoft").ToList(), azure);
    }

    [Fact]
    public async Task OneProviderInTwoCurrencies_ShowsTheMainCurrencyAlone_AndNamesTheOther()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        // The same account and days billed in two currencies: no subscription or provider filter can separate them.
        var rows = Days(new(2026, 3, 1), new(2026, 3, 10), _ => 4m, "AWS", "111122223333", "USD")
            .Concat(Days(new(2026, 3, 1), new(2026, 3, 10), _ => 4m, "AWS", "111122223333", "USD", "Amazon S3"))
            .Concat(Days(new(2026, 3, 1), new(2026, 3, 10), _ => 100m, "AWS", "111122223333", "GBP", "AWS Support"));
        await host.Get<CostStore>().ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), rows, Ct);
        var month = new CostFilter(new(2026, 3, 1), new(2026, 3, 10), ProviderName: "AWS");
        var stored = await RowsAsync(host, month);

        var snapshot = await host.Get<IDashboardService>().GetAsync(month, Ct);

        Assert.Equal("USD", snapshot.Currency);
        Assert.Equal(["GBP"], snapshot.OtherCurrencies);
        AssertFiguresOf(stored.Where(r => r.BillingCurrency == "USD").ToList(), snapshot);
        Assert.DoesNotContain(snapshot.TopServices, s => s.Name == "AWS Support");
    }

    /// <summary>
    /// Every cost figure of <paramref name="s"/> over its range equals <paramref name="rows"/> (the raw rows it should
    /// cover, already narrowed to the range, provider and currency): totals, the daily series, and every breakdown.
    /// </summary>
    private static void AssertFiguresOf(IReadOnlyList<CostRecord> rows, DashboardSnapshot s)
    {
        var inRange = rows.Where(r => r.ChargePeriodStart >= s.Filter.From && r.ChargePeriodStart <= s.Filter.To).ToList();
        var total = inRange.Sum(r => r.EffectiveCost);
        var daily = inRange.GroupBy(r => r.ChargePeriodStart).ToDictionary(g => g.Key, g => g.Sum(r => r.EffectiveCost));
        Assert.Equal(total, s.RangeTotal);
        Assert.Equal(Series(daily, s.Filter.From, s.Filter.To), s.Daily);
        if (s.Filter.IsSingleMonth) Assert.Equal(total, s.Kpis.MonthToDate);

        AssertBreakdown(inRange, r => r.ServiceName, s.TopServices);
        AssertBreakdown(inRange, r => r.SubAccountId, s.BySubscription);
        AssertBreakdown(inRange, r => $"{r.SubAccountId}/{r.ResourceGroup}", s.ByResourceGroup);
        AssertBreakdown(inRange, r => r.RegionId, s.ByRegion);
        AssertBreakdown(inRange, r => r.TagEnvironment ?? "", s.ByEnvironment);
        AssertBreakdown(inRange, r => r.TagCostCenter ?? "", s.ByCostCenter);
        AssertBreakdown(inRange, r => r.ProviderName, s.ByProvider);
    }

    /// <summary>
    /// Each slice equals the sum of its rows (matched by the slice's key); the folded "Other" slice holds the rest,
    /// so the slices add up to the rows' total.
    /// </summary>
    private static void AssertBreakdown(List<CostRecord> rows, Func<CostRecord, string> key, IReadOnlyList<CostShare> shares)
    {
        var expected = rows.GroupBy(key).ToDictionary(g => g.Key, g => g.Sum(r => r.EffectiveCost));
        foreach (var share in shares.Where(x => x.Key != CostAnalytics.OtherKey))
            Assert.Equal(expected[share.Key], share.Cost);
        Assert.Equal(rows.Sum(r => r.EffectiveCost), shares.Sum(x => x.Cost));
    }

    private static List<DailyCost> Series(Dictionary<DateOnly, decimal> daily, DateOnly from, DateOnly to) =>
        daily.Where(d => d.Key >= from && d.Key <= to).OrderBy(d => d.Key).Select(d => new DailyCost(d.Key, d.Value)).ToList();

    /// <summary>The raw cost rows of the filter's range (and subscription, provider), as the store holds them.</summary>
    private static async Task<List<CostRecord>> RowsAsync(CoreHost host, CostFilter f)
    {
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var q = db.CostRecords.AsNoTracking().Where(r => r.ChargePeriodStart >= f.From && r.ChargePeriodStart <= f.To);
        if (f.SubscriptionId is { } sub) q = q.Where(r => r.SubAccountId == sub);
        if (f.ProviderName is { } provider) q = q.Where(r => r.ProviderName == provider);
        return await q.ToListAsync(Ct);
    }

    /// <summary>One row a day over [from, to] of one provider's account, in one currency.</summary>
    private static IEnumerable<CostRecord> Days(DateOnly from, DateOnly to, Func<DateOnly, decimal> cost, string provider, string account,
        string currency, string service = "Compute")
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            var row = Rows.Cost(d, cost(d), account, service, resourceGroup: $"rg-{provider.ToLowerInvariant()}", region: $"{provider.ToLowerInvariant()}-east",
                environment: provider == "AWS" ? null : "prod", currency: currency);
            row.ProviderName = provider;
            row.TagCostCenter = provider == "AWS" ? "CC-cloud" : "CC-1";
            yield return row;
        }
    }

    private static readonly Dictionary<string, string?> SmallDemo = new()
    {
        ["CostSense:Demo:VirtualMachines"] = "12",
        ["CostSense:Demo:StorageAccounts"] = "8",
        ["CostSense:Demo:MonthsOfHistory"] = "3",
    };
}

public sealed class SqliteDashboardProviderTests : DashboardProviderTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresDashboardProviderTests : DashboardProviderTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
