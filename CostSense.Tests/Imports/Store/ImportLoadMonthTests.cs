using System.Globalization;
using System.Text;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Imports;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Imports.Store;

/// <summary>
/// PostgreSQL's one-pass import of months the store has no partition for: they are loaded as tables of their own and
/// attached at the end. A file whose months interleave lands whole, each month a partition like every other (the
/// parent's indexes, no load CHECK or Id default left), the rows' ids from the cost table's one sequence; a bad last row
/// leaves neither rows nor a month table behind.
/// </summary>
public sealed class ImportLoadMonthTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private const string Header = "ChargePeriodStart,BilledCost,EffectiveCost,ListCost,BillingCurrency,ProviderName,BillingAccountId\n";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ImportFile Text(string name, string text) =>
        new(name, _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text))));

    /// <summary>
    /// <paramref name="perMonth"/> rows in each of August, September and October 2026, the months taking turns row by row
    /// (so the import switches between its month tables); row n costs n cents. Returns the text and the billed total.
    /// </summary>
    private static (string Text, decimal Billed) Interleaved(int perMonth)
    {
        var text = new StringBuilder(Header);
        decimal billed = 0;
        for (var n = 0; n < perMonth * 3; n++)
        {
            var cost = (n + 1) / 100m;
            billed += cost;
            text.Append($"2026-{8 + n % 3:00}-{1 + n / 3 % 28:00}T00:00:00Z,{cost},{cost},{cost},EUR,Microsoft,ba-1\n");
        }
        return (text.ToString(), billed);
    }

    [Fact]
    public async Task Postgres_NewMonthsInterleaved_LandWhole_AsPartitionsWithTheParentsIndexes()
    {
        await using var host = await CoreHost.StartAsync(StoreKind.Postgres, Now);
        // More than one held chunk per month, so the switches between month tables happen mid-file and at its end.
        var (text, billed) = Interleaved(2500);

        var summary = await host.Get<CostImporter>().ImportFileAsync(Actor.System, Text("three-months.csv", text), Ct);

        Assert.Equal(7500, summary.Rows);
        Assert.Equal(billed, summary.Totals.Single().BilledCost);
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var perMonth = await db.CostRecords.GroupBy(r => r.ChargePeriodStart.Month)
            .Select(g => new { Month = g.Key, Rows = g.Count(), Billed = g.Sum(r => r.BilledCost) }).OrderBy(g => g.Month).ToListAsync(Ct);
        Assert.Equal([8, 9, 10], perMonth.Select(m => m.Month));
        Assert.All(perMonth, m => Assert.Equal(2500, m.Rows));
        Assert.Equal(billed, perMonth.Sum(m => m.Billed));
        Assert.Equal(billed, await db.DailyCostRollups.SumAsync(r => r.BilledCost, Ct));
        Assert.Equal(7500, await db.CostRecords.Select(r => r.Id).Distinct().CountAsync(Ct));

        Assert.Equal(["CostRecords_2026_08", "CostRecords_2026_09", "CostRecords_2026_10"], (await CostPartitions.PartitionsAsync(db, Ct)).Order());
        var parentIndexes = (await LinesAsync(db, """SELECT count(*)::text FROM pg_index WHERE indrelid = '"CostRecords"'::regclass""")).Single();
        // The model's indexes and the primary key.
        Assert.Equal((db.Model.FindEntityType(typeof(CostRecord))!.GetIndexes().Count() + 1).ToString(CultureInfo.InvariantCulture), parentIndexes);
        foreach (var month in new[] { "CostRecords_2026_08", "CostRecords_2026_09", "CostRecords_2026_10" })
        {
            // Every index of the month is a partition of one of the parent's (adopted at the attach, not built twice).
            Assert.Equal(parentIndexes, (await LinesAsync(db, $"""
                SELECT count(*)::text FROM pg_index i JOIN pg_inherits h ON h.inhrelid = i.indexrelid
                WHERE i.indrelid = '"{month}"'::regclass
                """)).Single());
            Assert.Equal("0", (await LinesAsync(db, $"""SELECT count(*)::text FROM pg_index WHERE indrelid = '"{month}"'::regclass AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = indexrelid)""")).Single());
            Assert.Empty(await LinesAsync(db, $"""SELECT conname FROM pg_constraint WHERE conrelid = '"{month}"'::regclass AND contype = 'c'"""));
            Assert.Empty(await LinesAsync(db, $"""SELECT column_default FROM information_schema.columns WHERE table_name = '{month}' AND column_name = 'Id' AND column_default IS NOT NULL"""));
        }

        // A later write through the parent draws its ids past the loaded rows': one sequence.
        var loadedMax = await db.CostRecords.MaxAsync(r => r.Id, Ct);
        await host.Get<Core.Costs.CostStore>().ReplacePeriodAsync("other", new(2026, 10, 1), new(2026, 10, 2), Rows.Daily(new(2026, 10, 1), new(2026, 10, 1), 1m), Ct);
        Assert.True(await db.CostRecords.Where(r => r.Source == "other").MinAsync(r => r.Id, Ct) > loadedMax);
    }

    [Fact]
    public async Task Postgres_ABadLastRowInANewMonth_LeavesNoRowsAndNoMonthTable()
    {
        await using var host = await CoreHost.StartAsync(StoreKind.Postgres, Now);
        var (text, _) = Interleaved(1200);
        var lines = text.TrimEnd('\n').Split('\n');
        lines[^1] = "2026-10-28T00:00:00Z,1,not-a-number,1,EUR,Microsoft,ba-1";

        var ex = await Assert.ThrowsAsync<ImportException>(() =>
            host.Get<CostImporter>().ImportFileAsync(Actor.System, Text("bad.csv", string.Join('\n', lines)), Ct));

        Assert.Equal(lines.Length, ex.Line);
        Assert.Equal("EffectiveCost", ex.Column);
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.CostRecords.CountAsync(Ct));
        Assert.Equal(0, await db.ImportBatches.CountAsync(Ct));
        Assert.Empty(await CostPartitions.PartitionsAsync(db, Ct));
        Assert.Empty(await LinesAsync(db, "SELECT relname FROM pg_class WHERE relname LIKE 'CostRecords\\_2026%'"));
    }

    private static async Task<List<string>> LinesAsync(CostSenseDbContext db, string sql)
    {
        await db.Database.OpenConnectionAsync(Ct);
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = sql;
        var lines = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) lines.Add(reader.GetString(0));
        return lines;
    }
}
