using CostSense.Core.Access;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Inventory;
using CostSense.Core.Operations;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CostSense.Tests.Store;

/// <summary>What every store provider must do. Runs against SQLite and against a real PostgreSQL server.</summary>
public abstract class StoreContractTests
{
    protected static readonly DateTimeOffset Now = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected Task<CoreHost> StartAsync(IDictionary<string, string?>? settings = null) => CoreHost.StartAsync(Kind, Now, settings);

    [Fact]
    public async Task ReplacePeriod_RunTwice_NeverDoublesCost()
    {
        await using var host = await StartAsync();
        var store = host.Get<CostStore>();
        var march = Rows.Daily(new(2026, 3, 1), new(2026, 3, 20), 10.125m).ToList();

        await store.ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), march, Ct);
        await store.ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), Rows.Daily(new(2026, 3, 1), new(2026, 3, 20), 10.125m), Ct);

        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(20, await db.CostRecords.CountAsync(Ct));
        Assert.Equal(202.5m, await db.CostRecords.SumAsync(r => r.EffectiveCost, Ct));
        Assert.Equal(202.5m, await db.DailyCostRollups.SumAsync(r => r.EffectiveCost, Ct));
        Assert.Equal(2, await db.ImportBatches.CountAsync(Ct));
    }

    [Fact]
    public async Task ReplacePeriod_LeavesOtherSourcesAndOtherPeriodsUntouched()
    {
        await using var host = await StartAsync();
        var store = host.Get<CostStore>();
        await store.ReplacePeriodAsync("focus", new(2026, 2, 1), new(2026, 3, 1), Rows.Daily(new(2026, 2, 1), new(2026, 2, 28), 1m), Ct);
        await store.ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), Rows.Daily(new(2026, 3, 1), new(2026, 3, 10), 2m), Ct);
        await store.ReplacePeriodAsync("azure", new(2026, 3, 1), new(2026, 4, 1), Rows.Daily(new(2026, 3, 1), new(2026, 3, 10), 5m), Ct);

        // Re-import March from focus with different figures.
        await store.ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), Rows.Daily(new(2026, 3, 1), new(2026, 3, 5), 3m), Ct);

        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var bySource = await db.CostRecords.GroupBy(r => r.Source).Select(g => new { g.Key, Cost = g.Sum(r => r.EffectiveCost) }).ToListAsync(Ct);
        Assert.Equal(28m + 15m, bySource.Single(s => s.Key == "focus").Cost);
        Assert.Equal(50m, bySource.Single(s => s.Key == "azure").Cost);
        var marchRollup = await db.DailyCostRollups.Where(r => r.Date >= new DateOnly(2026, 3, 1)).SumAsync(r => r.EffectiveCost, Ct);
        Assert.Equal(15m + 50m, marchRollup);
    }

    [Fact]
    public async Task ReplacePeriod_WithARowOutsideThePeriod_WritesNothingAndNamesTheRow()
    {
        await using var host = await StartAsync();
        var store = host.Get<CostStore>();
        await store.ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), Rows.Daily(new(2026, 3, 1), new(2026, 3, 3), 7m), Ct);
        var bad = Rows.Daily(new(2026, 3, 1), new(2026, 3, 2), 1m).Append(Rows.Cost(new(2026, 4, 2), 1m));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => store.ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), bad, Ct));

        Assert.Contains("Row 3", ex.Message);
        Assert.Contains("2026-04-02", ex.Message);
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(21m, await db.CostRecords.SumAsync(r => r.EffectiveCost, Ct));
        Assert.Equal(21m, await db.DailyCostRollups.SumAsync(r => r.EffectiveCost, Ct));
    }

    [Fact]
    public async Task Dashboard_AfterAnImportChangesItsMonth_IsRecomputedNotServedFromCache()
    {
        await using var host = await StartAsync();
        var store = host.Get<CostStore>();
        var dashboard = host.Get<IDashboardService>();
        var filter = new CostFilter(new(2026, 3, 1), new(2026, 3, 20));
        await store.ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), Rows.Daily(new(2026, 3, 1), new(2026, 3, 20), 10m), Ct);
        Assert.Equal(200m, (await dashboard.GetAsync(filter, Ct)).Kpis.MonthToDate);

        await store.ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), Rows.Daily(new(2026, 3, 1), new(2026, 3, 20), 12m), Ct);

        Assert.Equal(240m, (await dashboard.GetAsync(filter, Ct)).Kpis.MonthToDate);
    }

    [Fact]
    public async Task Dashboard_FilteredBySubscription_ShowsOnlyThatSubscription()
    {
        await using var host = await StartAsync();
        var store = host.Get<CostStore>();
        var rows = Rows.Daily(new(2026, 3, 1), new(2026, 3, 20), 10m, "sub-a").Concat(Rows.Daily(new(2026, 3, 1), new(2026, 3, 20), 1.5m, "sub-b", "SQL Database"));
        await store.ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), rows, Ct);

        var all = await host.Get<IDashboardService>().GetAsync(new CostFilter(new(2026, 3, 1), new(2026, 3, 20)), Ct);
        var onlyB = await host.Get<IDashboardService>().GetAsync(new CostFilter(new(2026, 3, 1), new(2026, 3, 20), "sub-b"), Ct);

        Assert.Equal(230m, all.Kpis.MonthToDate);
        Assert.Equal(["sub-a", "sub-b"], all.Subscriptions.Select(s => s.Id));
        Assert.Equal(30m, onlyB.Kpis.MonthToDate);
        Assert.Equal("SQL Database", Assert.Single(onlyB.TopServices).Name);
    }

    [Fact]
    public async Task Dashboard_WithTwoCurrencies_ShowsTheMainOneAndNamesTheOther()
    {
        await using var host = await StartAsync();
        var rows = Rows.Daily(new(2026, 3, 1), new(2026, 3, 10), 4m, "sub-usd")
            .Concat(Rows.Daily(new(2026, 3, 1), new(2026, 3, 2), 100m, "sub-cad").Select(r => { r.BillingCurrency = "cad"; return r; }));
        await host.Get<CostStore>().ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), rows, Ct);

        var all = await host.Get<IDashboardService>().GetAsync(new CostFilter(new(2026, 3, 1), new(2026, 3, 10)), Ct);
        var cad = await host.Get<IDashboardService>().GetAsync(new CostFilter(new(2026, 3, 1), new(2026, 3, 10), "sub-cad"), Ct);

        Assert.Equal(("USD", 40m), (all.Currency, all.Kpis.MonthToDate));
        Assert.Equal(["CAD"], all.OtherCurrencies);
        Assert.Equal(("CAD", 200m, 0), (cad.Currency, cad.Kpis.MonthToDate, cad.OtherCurrencies.Count));
    }

    [Fact]
    public async Task Dashboard_KeepsSameNamedResourceGroupsOfDifferentSubscriptionsApart()
    {
        await using var host = await StartAsync();
        var rows = Rows.Daily(new(2026, 3, 1), new(2026, 3, 10), 4m, "sub-a").Concat(Rows.Daily(new(2026, 3, 1), new(2026, 3, 10), 1m, "sub-b"))
            .Append(Rows.Cost(new(2026, 3, 5), 2m, "sub-a", resourceGroup: "rg-only-a"));
        await host.Get<CostStore>().ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), rows, Ct);

        var groups = (await host.Get<IDashboardService>().GetAsync(new CostFilter(new(2026, 3, 1), new(2026, 3, 10)), Ct)).ByResourceGroup;

        Assert.Equal(["rg-a (Subscription sub-a)", "rg-a (Subscription sub-b)", "rg-only-a"], groups.Select(g => g.Name));
        Assert.Equal([40m, 10m, 2m], groups.Select(g => g.Cost));
    }

    [Fact]
    public async Task DemoTenant_RollupsAndDashboardAgreeWithRawRowsToTheCent()
    {
        await using var host = await StartAsync(SmallDemo);
        var summary = await host.Get<IDemoTenantService>().GenerateAsync(Actor.System, Ct);
        var asOf = DateOnly.FromDateTime(Now.UtcDateTime);
        var filter = new CostFilter(new DateOnly(asOf.Year, asOf.Month, 1), asOf);

        var snapshot = await host.Get<IDashboardService>().GetAsync(filter, Ct);

        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var raw = await db.CostRecords.Where(r => r.ChargePeriodStart >= filter.From && r.ChargePeriodStart <= filter.To)
            .GroupBy(r => r.ServiceName).Select(g => new { g.Key, Cost = g.Sum(r => r.EffectiveCost) }).ToListAsync(Ct);
        var rawTotal = raw.Sum(r => r.Cost);
        Assert.Equal(rawTotal, snapshot.Kpis.MonthToDate);
        Assert.Equal(rawTotal, snapshot.RangeTotal);
        Assert.Equal(rawTotal, snapshot.ByResourceGroup.Sum(s => s.Cost));
        Assert.Equal(rawTotal, snapshot.BySubscription.Sum(s => s.Cost));
        Assert.Equal(rawTotal, snapshot.ByRegion.Sum(s => s.Cost));
        Assert.Equal(rawTotal, snapshot.ByEnvironment.Sum(s => s.Cost));
        foreach (var service in snapshot.TopServices.Where(s => !s.Name.StartsWith("Other", StringComparison.Ordinal)))
            Assert.Equal(raw.Single(r => r.Key == service.Name).Cost, service.Cost);
        Assert.Equal(await db.CostRecords.SumAsync(r => r.EffectiveCost, Ct), summary.EffectiveCost);
        Assert.True(snapshot.Utilization.RunningVms > 0);
        Assert.NotEmpty(snapshot.StorageByTier);
    }

    [Fact]
    public async Task DemoTenant_GeneratedTwice_KeepsOneCopy()
    {
        await using var host = await StartAsync(SmallDemo);
        var first = await host.Get<IDemoTenantService>().GenerateAsync(Actor.System, Ct);
        var second = await host.Get<IDemoTenantService>().GenerateAsync(Actor.System, Ct);

        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(first.EffectiveCost, second.EffectiveCost);
        Assert.Equal(second.CostRows, await db.CostRecords.CountAsync(Ct));
        Assert.Equal(second.EffectiveCost, await db.DailyCostRollups.SumAsync(r => r.EffectiveCost, Ct));
        Assert.Equal(12, await db.VirtualMachines.CountAsync(Ct));
        Assert.Equal(second.MetricRows, await db.DailyMetrics.CountAsync(Ct));
    }

    [Fact]
    public async Task SeedOnStart_FillsAnEmptyStore_RefreshesAStaleDemo_AndLeavesImportedDataAlone()
    {
        await using var host = await StartAsync(new Dictionary<string, string?>(SmallDemo) { ["CostSense:Demo:Enabled"] = "true" });
        var demo = host.Get<IDemoTenantService>();
        var dashboard = host.Get<IDashboardService>();

        Assert.True(await demo.SeedOnStartAsync(Ct));                       // empty store
        Assert.False(await demo.SeedOnStartAsync(Ct));                      // current demo
        host.Time.Advance(TimeSpan.FromDays(3));
        Assert.True(await demo.SeedOnStartAsync(Ct));                       // demo from three days ago
        Assert.Equal(DateOnly.FromDateTime(Now.UtcDateTime).AddDays(3), await dashboard.LatestDataDateAsync(Ct));

        await host.Get<CostStore>().ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), Rows.Daily(new(2026, 3, 1), new(2026, 3, 2), 1m), Ct);
        host.Time.Advance(TimeSpan.FromDays(3));
        Assert.False(await demo.SeedOnStartAsync(Ct));                      // the user's own data is there too
    }

    [Fact]
    public async Task Overview_NamesTheStoreAndItsWrites_WithoutItsPassword()
    {
        await using var host = await StartAsync();
        await host.Get<CostStore>().ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), Rows.Daily(new(2026, 3, 1), new(2026, 3, 4), 2.5m), Ct);

        var o = await host.Get<StoreOverviewService>().GetAsync(Admin, Ct);

        Assert.Equal(Kind == StoreKind.Postgres ? "PostgreSQL" : "SQLite", o.Provider);
        Assert.DoesNotContain("Password", o.Location, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(4, o.CostRows);
        Assert.Equal((new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 4)), (o.From!.Value, o.To!.Value));
        var batch = Assert.Single(o.RecentImports);
        Assert.Equal(("focus", 4, 10m, "USD"), (batch.Source, batch.RowCount, batch.EffectiveCost, batch.Currency));
        Assert.Equal(Now, batch.ImportedAt);
    }

    [Fact]
    public async Task Overview_ToAnAdmin_SaysWhereTheStoreAndTheCacheAre()
    {
        await using var host = await StartAsync(WithRedis);

        var o = await host.Get<StoreOverviewService>().GetAsync(Admin, Ct);

        var store = host.Get<IOptions<StoreOptions>>().Value;
        var postgres = new NpgsqlConnectionStringBuilder(store.PostgresConnectionString);
        Assert.Equal(Kind == StoreKind.Postgres ? $"{postgres.Host}:{postgres.Port}/{postgres.Database}" : store.SqlitePath, o.Location);
        Assert.Equal(("Redis", "redis.internal:6390"), (o.Cache, o.CacheLocation));
    }

    [Theory]
    [InlineData(AppRoles.Viewer)]
    [InlineData(AppRoles.Analyst)]
    public async Task Overview_ToAViewerOrAnalyst_NamesTheProviderAndTheCacheKind_ButNotWhereTheyAre(string role)
    {
        await using var host = await StartAsync(WithRedis);

        var o = await host.Get<StoreOverviewService>().GetAsync(new Actor("id-" + role, role, [role]), Ct);

        Assert.Equal(Kind == StoreKind.Postgres ? "PostgreSQL" : "SQLite", o.Provider);
        Assert.Null(o.Location);
        Assert.Equal(("Redis", null), (o.Cache, o.CacheLocation));
    }

    [Fact]
    public async Task Inventory_FindsAVmByItsName_WhateverTheCase_AndSuggestsTheNamesThatContainAPart()
    {
        await using var host = await StartAsync();
        var inventory = host.Get<InventoryStore>();
        await inventory.ReplaceAsync("demo", [Vm("vm-web-prod-01"), Vm("vm-web-prod-02"), Vm("vm-sql-prod-01")], [], [], Ct);

        var vm = await inventory.FindVmByNameAsync("VM-Web-Prod-02", Ct);

        Assert.Equal(("vm-web-prod-02", "demo"), (vm?.Name, vm?.Source));
        Assert.Null(await inventory.FindVmByNameAsync("vm-web", Ct));
        Assert.Equal(["vm-web-prod-01", "vm-web-prod-02"], (await inventory.VmNamesContainingAsync("WEB", 8, Ct)).Order());
        Assert.Single(await inventory.VmNamesContainingAsync("prod", 1, Ct));
        Assert.Empty(await inventory.VmNamesContainingAsync("nowhere", 8, Ct));
    }

    private static VirtualMachine Vm(string name) => new()
    {
        ResourceId = $"/subscriptions/sub-1/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/{name}",
        Source = "demo", Name = name, SubscriptionId = "sub-1", ResourceGroup = "rg-app", Region = "eastus",
        Size = "Standard_D2s_v5", VCpus = 2, MemoryGiB = 8, OsType = "Linux",
    };

    private static readonly Actor Admin = new("id-admin", "admin", [AppRoles.Admin]);

    // Named only: nothing here reads the cache, so nothing connects to it.
    private static readonly Dictionary<string, string?> WithRedis = new() { ["ConnectionStrings:Redis"] = "redis.internal:6390,password=not-shown" };

    protected static readonly Dictionary<string, string?> SmallDemo = new()
    {
        ["CostSense:Demo:VirtualMachines"] = "12",
        ["CostSense:Demo:StorageAccounts"] = "8",
        ["CostSense:Demo:MonthsOfHistory"] = "3",
    };
}

public sealed class SqliteStoreTests : StoreContractTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresStoreTests : StoreContractTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
