using System.Text;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Imports;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Imports.Store;

/// <summary>
/// Daily files, the shape large exports have: on PostgreSQL they are read once and streamed into COPY as they are
/// checked (hourly files, which the other importer tests use, keep the two passes), so what the two passes guaranteed
/// is proven here for the one pass too — a bad last row writes nothing, a re-delivery replaces what it covers and only
/// that, several accounts and months get their batches — on both stores.
/// </summary>
public abstract class DailyImportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private const string Header = "ChargePeriodStart,BilledCost,EffectiveCost,ListCost,BillingCurrency,ProviderName,BillingAccountId,ResourceId\n";
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ImportFile Text(string name, string text) =>
        new(name, _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text))));

    /// <summary><paramref name="resources"/> rows a day, <paramref name="cost"/> each, for days [1, lastDay] of October 2026.</summary>
    private static string Daily(int lastDay, int resources, decimal cost, string account = "ba-1")
    {
        var text = new StringBuilder(Header);
        for (var day = 1; day <= lastDay; day++)
            for (var r = 0; r < resources; r++)
                text.Append($"2026-10-{day:00}T00:00:00Z,{cost},{cost},{cost},EUR,Microsoft,{account},/subscriptions/s/resourceGroups/rg/providers/x/y/r{r}\n");
        return text.ToString();
    }

    [Fact]
    public async Task Progress_EndsWithFinishing_AfterEveryRowIsWritten_SoALargeFileDoesNotLookStuck()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        var reports = new List<ImportProgress>();

        var summary = await host.Get<CostImporter>().ImportFileAsync(Actor.System, Text("daily.csv", Daily(31, 40, 0.5m)), new Collect(reports), Ct);

        // SQLite checks every row, then writes; PostgreSQL does both in one pass and reports writing only.
        ImportPhase[] phases = Kind == StoreKind.Postgres ? [ImportPhase.Writing, ImportPhase.Finishing] : [ImportPhase.Checking, ImportPhase.Writing, ImportPhase.Finishing];
        Assert.Equal(phases, reports.Select(r => r.Phase).Distinct());
        Assert.Equal(new ImportProgress("daily.csv", ImportPhase.Finishing, 31 * 40), reports[^1]);
        Assert.Equal(31 * 40, summary.Rows);
    }

    /// <summary>Keeps every report in order, as it is made (<see cref="Progress{T}"/> posts them to the thread pool).</summary>
    private sealed class Collect(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => reports.Add(value);
    }

    [Fact]
    public async Task BadLastRow_WritesNothing_AndTheEarlierImportStaysWhole()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        var importer = host.Get<CostImporter>();
        await importer.ImportFileAsync(Actor.System, Text("good.csv", Daily(31, 40, 0.5m)), Ct);
        var before = await ImportedStore.ReadAsync(host);
        var lines = Daily(31, 40, 0.25m).TrimEnd('\n').Split('\n');
        lines[^1] = lines[^1].Replace(",0.25,0.25,", ",0.25,x,");

        var ex = await Assert.ThrowsAsync<ImportException>(() => importer.ImportFileAsync(Actor.System, Text("bad.csv", string.Join('\n', lines)), Ct));

        Assert.Equal(31 * 40 + 1, ex.Line);
        Assert.Equal("EffectiveCost", ex.Column);
        Assert.Equal(before, await ImportedStore.ReadAsync(host));
        Assert.Equal((31 * 40, 31 * 40 * 0.5m), (before.Rows, before.Billed));
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(["good.csv"], await db.ImportBatches.Select(b => b.FileName!).ToListAsync(Ct));
    }

    [Fact]
    public async Task ReDelivery_ReplacesTheMonth_SameFileTwiceLeavesItOnce()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        var importer = host.Get<CostImporter>();
        var first = await importer.ImportFileAsync(Actor.System, Text("days-1-10.csv", Daily(10, 30, 1m)), Ct);
        var second = await importer.ImportFileAsync(Actor.System, Text("days-1-20.csv", Daily(20, 30, 2m)), Ct);
        var again = await importer.ImportFileAsync(Actor.System, Text("days-1-20.csv", Daily(20, 30, 2m)), Ct);

        Assert.Equal((0, 10 * 30, 20 * 30), (first.RowsReplaced, second.RowsReplaced, again.RowsReplaced));
        var stored = await ImportedStore.ReadAsync(host);
        Assert.Equal(new ImportedStore(20 * 30, 20 * 30 * 2m, 20 * 30 * 2m, 20 * 30, 20 * 30 * 2m, 20 * 30 * 2m), stored);
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var batch = await db.ImportBatches.SingleAsync(b => b.Id == again.BatchIds.Single(), Ct);
        Assert.Equal((20 * 30, 20 * 30 * 2m, "EUR", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)),
            (batch.RowCount, batch.BilledCost, batch.Currency, batch.PeriodStart, batch.PeriodEnd));
        Assert.Equal(20 * 30, await db.CostRecords.CountAsync(r => r.ImportBatchId == batch.Id, Ct));
    }

    [Fact]
    public async Task TwoAccountsAndMonthsApart_EachGetTheirBatches_AndAnotherAccountIsLeftAlone()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        var importer = host.Get<CostImporter>();
        await importer.ImportFileAsync(Actor.System, Text("ba-2.csv", Daily(5, 3, 7m, "ba-2")), Ct);
        var rows = Header + string.Concat(Enumerable.Range(1, 4).Select(i =>
            $"2026-09-0{i}T00:00:00Z,1,1,1,EUR,Microsoft,ba-1,\n2026-11-0{i}T00:00:00Z,2,2,2,usd,Microsoft,ba-1,\n2026-10-0{i}T00:00:00Z,3,3,3,EUR,Microsoft,ba-3,\n"));

        var summary = await importer.ImportFileAsync(Actor.System, Text("mixed.csv", rows), Ct);

        Assert.Equal(12, summary.Rows);
        Assert.Equal(["import:Microsoft:ba-1", "import:Microsoft:ba-3"], summary.Sources);
        Assert.Equal(3, summary.BatchIds.Count);
        Assert.Equal(0, summary.RowsReplaced);
        Assert.Equal([new CurrencyTotal("EUR", 16m, 16m), new CurrencyTotal("USD", 8m, 8m)], summary.Totals);
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var batches = (await db.ImportBatches.Where(b => summary.BatchIds.Contains(b.Id)).ToListAsync(Ct))
            .OrderBy(b => b.Source).ThenBy(b => b.PeriodStart)
            .Select(b => (b.Source, b.PeriodStart, b.RowCount, b.BilledCost, b.Currency)).ToList();
        Assert.Equal([
            ("import:Microsoft:ba-1", new DateOnly(2026, 9, 1), 4, 4m, (string?)"EUR"),
            ("import:Microsoft:ba-1", new DateOnly(2026, 11, 1), 4, 8m, "USD"),
            ("import:Microsoft:ba-3", new DateOnly(2026, 10, 1), 4, 12m, "EUR"),
        ], batches);
        var counts = await db.CostRecords.Where(r => r.ImportBatchId != null).GroupBy(r => r.ImportBatchId!.Value)
            .Select(g => new { g.Key, Rows = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Rows, Ct);
        foreach (var b in await db.ImportBatches.Where(b => summary.BatchIds.Contains(b.Id)).ToListAsync(Ct))
            Assert.Equal(b.RowCount, counts[b.Id]);
        var stored = await ImportedStore.ReadAsync(host);
        Assert.Equal((5 * 3 + 12, 5 * 3 * 7m + 24m), (stored.Rows, stored.Billed));
        Assert.Equal(stored.Billed, stored.RollupBilled);
    }

    [Fact]
    public async Task HeaderOnlyFile_WritesNoBatch()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);

        var summary = await host.Get<CostImporter>().ImportFileAsync(Actor.System, Text("empty.csv", Header), Ct);

        Assert.Equal((0L, 0), (summary.Rows, summary.BatchIds.Count));
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.ImportBatches.CountAsync(Ct));
    }
}

public sealed class SqliteDailyImportTests : DailyImportTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresDailyImportTests : DailyImportTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
