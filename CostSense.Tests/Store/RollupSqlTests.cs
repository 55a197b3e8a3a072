using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Store;

/// <summary>
/// PostgreSQL rebuilds the cost rollups with one INSERT … SELECT … GROUP BY; it must give exactly the rollups the read-and-
/// write-back path gives (SQLite's, and PostgreSQL's before), on the demo tenant and on rows with empty dimensions, another
/// currency and another cloud.
/// </summary>
public class RollupSqlTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Postgres_SetBasedRebuild_GivesTheSameRollupsAsTheReadAndWriteBackPath()
    {
        await using var host = await CoreHost.StartAsync(StoreKind.Postgres, Now, new Dictionary<string, string?>
        {
            ["CostSense:Demo:VirtualMachines"] = "12",
            ["CostSense:Demo:StorageAccounts"] = "8",
            ["CostSense:Demo:MonthsOfHistory"] = "2",
        }, demoTenant: true);
        var odd = new List<CostRecord>
        {
            Rows.Cost(new(2026, 3, 2), 1.005m, environment: null),
            Rows.Cost(new(2026, 3, 2), 2.5m, environment: null),
            Rows.Cost(new(2026, 3, 2), 3.333333m, currency: "EUR"),
            Rows.Cost(new(2026, 3, 3), -4.25m, region: "westeurope"),
        };
        odd[1].TagCostCenter = null;
        odd[3].ProviderName = "AWS";
        await host.Get<CostStore>().ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 3, 4), odd, Ct);

        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var first = await db.CostRecords.MinAsync(r => r.ChargePeriodStart, Ct);
        var end = (await db.CostRecords.MaxAsync(r => r.ChargePeriodStart, Ct)).AddDays(1);
        var (written, inSql) = await db.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(c);
            await CostStore.RebuildRollupsAsync(db, first, end, c, setBased: false);
            var read = await ReadAsync(db);
            await CostStore.RebuildRollupsAsync(db, first, end, c, setBased: true);
            return (read, await ReadAsync(db));
        }, Ct);

        Assert.True(written.Count > 1000, $"Only {written.Count} rollups to compare.");
        Assert.Contains(written, r => r.Environment is null && r.Currency == "USD");
        Assert.Contains(written, r => r.Provider == "AWS");
        Assert.Equal(written, inSql);
        Assert.Equal(await db.CostRecords.SumAsync(r => r.EffectiveCost, Ct), inSql.Sum(r => r.Effective));
    }

    private static async Task<List<Rollup>> ReadAsync(CostSenseDbContext db) =>
        (await db.DailyCostRollups.AsNoTracking().ToListAsync(Ct))
        .Select(r => new Rollup(r.Date, r.ProviderName, r.SubAccountId, r.SubAccountName, r.ResourceGroup, r.ServiceName, r.RegionId,
            r.TagEnvironment, r.TagCostCenter, r.BillingCurrency, r.BilledCost, r.EffectiveCost, r.RowCount))
        .OrderBy(r => r.ToString(), StringComparer.Ordinal)
        .ToList();

    private sealed record Rollup(DateOnly Date, string Provider, string SubAccountId, string SubAccountName, string ResourceGroup, string Service,
        string Region, string? Environment, string? CostCenter, string Currency, decimal Billed, decimal Effective, int Rows);
}
