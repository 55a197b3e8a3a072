using CostSense.Core.Data;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Imports.Store;

/// <summary>What the store holds, read back: raw rows and daily rollups, counted and summed.</summary>
internal sealed record ImportedStore(int Rows, decimal Billed, decimal Effective, int RollupRows, decimal RollupBilled, decimal RollupEffective)
{
    public static async Task<ImportedStore> ReadAsync(CoreHost host)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(ct);
        return new ImportedStore(
            await db.CostRecords.CountAsync(ct),
            await db.CostRecords.SumAsync(r => r.BilledCost, ct),
            await db.CostRecords.SumAsync(r => r.EffectiveCost, ct),
            await db.DailyCostRollups.SumAsync(r => r.RowCount, ct),
            await db.DailyCostRollups.SumAsync(r => r.BilledCost, ct),
            await db.DailyCostRollups.SumAsync(r => r.EffectiveCost, ct));
    }
}
