using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Imports.Exports;

/// <summary>What a store holds, read back through the app's own context factory: imported rows, their sums, and the export runs recorded.</summary>
internal sealed record StoreTotals(int Rows, decimal Billed, decimal Effective, decimal RollupBilled, IReadOnlyList<ExportRunImport> Runs)
{
    public static async Task<StoreTotals> ReadAsync(IDbContextFactory<CostSenseDbContext> factory)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await factory.CreateDbContextAsync(ct);
        return new StoreTotals(
            await db.CostRecords.CountAsync(ct),
            await db.CostRecords.SumAsync(r => r.BilledCost, ct),
            await db.CostRecords.SumAsync(r => r.EffectiveCost, ct),
            await db.DailyCostRollups.SumAsync(r => r.BilledCost, ct),
            await db.ExportRunImports.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct));
    }

    /// <summary>Reads a store that no host of the test holds open (the command line's, after it ran).</summary>
    public static async Task<StoreTotals> ReadAsync(TempStore store)
    {
        using var host = CoreHost.Builder(store.Folder, TestSettings.Isolated(store)).Build();
        return await ReadAsync(host.Services.GetRequiredService<IDbContextFactory<CostSenseDbContext>>());
    }
}
