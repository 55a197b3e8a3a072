using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace CostSense.Tests.Store;

/// <summary>
/// The cost rows partitioned by month on PostgreSQL: the migration converts a populated store keeping every row, writes
/// create the months they need, a month held only by the replaced source is truncated and one shared is not, and a
/// month's query reads its partition alone. Replacement keeps other sources' rows on both stores.
/// </summary>
public class CostPartitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 20, 9, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<StoreKind> Kinds => [StoreKind.Sqlite, StoreKind.Postgres];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ReplaceMonth_KeepsOtherSourcesRowsInTheSameMonth_AndTheSourcesRowsOutsideThePeriod(StoreKind kind)
    {
        await using var host = await CoreHost.StartAsync(kind, Now);
        var store = host.Get<CostStore>();
        await store.ReplacePeriodAsync("focus", new(2026, 2, 1), new(2026, 4, 1), Rows.Daily(new(2026, 2, 1), new(2026, 3, 31), 1m), Ct);
        await store.ReplacePeriodAsync("azure", new(2026, 3, 1), new(2026, 4, 1), Rows.Daily(new(2026, 3, 1), new(2026, 3, 31), 5m), Ct);

        // March is shared with azure; the second write replaces only part of February.
        var march = await store.ReplacePeriodAsync("focus", new(2026, 3, 1), new(2026, 4, 1), Rows.Daily(new(2026, 3, 1), new(2026, 3, 31), 2m), Ct);
        await store.ReplacePeriodAsync("focus", new(2026, 2, 10), new(2026, 2, 20), Rows.Daily(new(2026, 2, 10), new(2026, 2, 19), 3m), Ct);

        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(31 * 5m, await db.CostRecords.Where(r => r.Source == "azure").SumAsync(r => r.EffectiveCost, Ct));
        Assert.Equal(31 * 2m, await db.CostRecords.Where(r => r.Source == "focus" && r.ChargePeriodStart >= new DateOnly(2026, 3, 1)).SumAsync(r => r.EffectiveCost, Ct));
        Assert.Equal(18 * 1m + 10 * 3m, await db.CostRecords.Where(r => r.ChargePeriodStart < new DateOnly(2026, 3, 1)).SumAsync(r => r.EffectiveCost, Ct));
        Assert.Equal(18 * 1m + 10 * 3m + 31 * 7m, await db.DailyCostRollups.SumAsync(r => r.EffectiveCost, Ct));
        Assert.Equal(59, await db.CostRecords.CountAsync(r => r.Source == "focus", Ct));
        Assert.Equal(31, await db.ImportBatches.Where(b => b.Id == march.Id).Select(b => b.RowCount).SingleAsync(Ct));
    }

    [Fact]
    public async Task Postgres_AMonthHeldOnlyByTheReplacedSource_IsTruncated_AndASharedOneIsNot()
    {
        await using var host = await CoreHost.StartAsync(StoreKind.Postgres, Now);
        var store = host.Get<CostStore>();
        await store.ReplacePeriodAsync("focus", new(2026, 2, 1), new(2026, 4, 1), Rows.Daily(new(2026, 2, 1), new(2026, 3, 31), 1m), Ct);
        await store.ReplacePeriodAsync("azure", new(2026, 3, 1), new(2026, 4, 1), Rows.Daily(new(2026, 3, 1), new(2026, 3, 5), 5m), Ct);
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var february = await FileOfAsync(db, "CostRecords_2026_02");
        var march = await FileOfAsync(db, "CostRecords_2026_03");

        await store.ReplacePeriodAsync("focus", new(2026, 2, 1), new(2026, 4, 1), Rows.Daily(new(2026, 2, 1), new(2026, 3, 31), 2m), Ct);

        // TRUNCATE gives a table a new file; DELETE keeps it.
        Assert.NotEqual(february, await FileOfAsync(db, "CostRecords_2026_02"));
        Assert.Equal(march, await FileOfAsync(db, "CostRecords_2026_03"));
        Assert.Equal(59 * 2m + 25m, await db.CostRecords.SumAsync(r => r.EffectiveCost, Ct));
        Assert.Equal(59 * 2m + 25m, await db.DailyCostRollups.SumAsync(r => r.EffectiveCost, Ct));
        var batches = await db.ImportBatches.OrderBy(b => b.Id).ToListAsync(Ct);
        Assert.Equal(59, batches[^1].RowCount);
    }

    [Fact]
    public async Task Postgres_AWrite_CreatesItsMonths_AndAMonthsQueryReadsOnlyItsPartition()
    {
        await using var host = await CoreHost.StartAsync(StoreKind.Postgres, Now);
        await host.Get<CostStore>().ReplacePeriodAsync("focus", new(2026, 1, 15), new(2026, 4, 1), Rows.Daily(new(2026, 1, 15), new(2026, 3, 31), 1m), Ct);
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);

        Assert.True(await CostPartitions.IsPartitionedAsync(db, Ct));
        Assert.Equal(["CostRecords_2026_01", "CostRecords_2026_02", "CostRecords_2026_03"], (await CostPartitions.PartitionsAsync(db, Ct)).Order());
        var plan = await LinesAsync(db, """EXPLAIN SELECT sum("EffectiveCost") FROM "CostRecords" WHERE "ChargePeriodStart" >= '2026-02-01' AND "ChargePeriodStart" < '2026-03-01'""");
        Assert.Contains(plan, l => l.Contains("CostRecords_2026_02"));
        Assert.DoesNotContain(plan, l => l.Contains("CostRecords_2026_01") || l.Contains("CostRecords_2026_03"));
    }

    [Fact]
    public async Task Postgres_Migration_PartitionsAPopulatedStore_KeepingEveryRowAndId_AndDownUndoesIt()
    {
        await using var database = PostgresDatabase.Create();
        var options = new DbContextOptionsBuilder<PostgresCostSenseDbContext>().UseNpgsql(database.ConnectionString).Options;
        await using var db = new PostgresCostSenseDbContext(options);
        var migrations = db.Database.GetMigrations().ToList();
        var partitioning = migrations.Single(m => m.EndsWith("_EnterpriseScale", StringComparison.Ordinal));
        var before = migrations[migrations.IndexOf(partitioning) - 1];
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(before, Ct);

        // A store written before partitioning: two sources over three months, with gaps in the ids.
        var rows = Rows.Daily(new(2026, 1, 25), new(2026, 3, 5), 1.25m).Concat(Rows.Daily(new(2026, 2, 1), new(2026, 2, 3), 7m, "sub-b")).ToList();
        for (var i = 0; i < rows.Count; i++) rows[i].Source = i % 2 == 0 ? "focus" : "azure";
        db.CostRecords.AddRange(rows);
        await db.SaveChangesAsync(Ct);
        await db.CostRecords.Where(r => r.ChargePeriodStart == new DateOnly(2026, 2, 14)).ExecuteDeleteAsync(Ct);
        var held = await SnapshotAsync(db);
        var indexes = await IndexesAsync(db);
        Assert.False(await CostPartitions.IsPartitionedAsync(db, Ct));

        await migrator.MigrateAsync(partitioning, Ct);

        Assert.True(await CostPartitions.IsPartitionedAsync(db, Ct));
        Assert.Equal(["CostRecords_2026_01", "CostRecords_2026_02", "CostRecords_2026_03"], (await CostPartitions.PartitionsAsync(db, Ct)).Order());
        Assert.Equal(held, await SnapshotAsync(db));
        Assert.Equal(indexes, await IndexesAsync(db));
        Assert.Contains("IX_CostRecords_Source_ChargePeriodStart", indexes);
        Assert.Equal("PRIMARY KEY (\"Id\", \"ChargePeriodStart\")", (await LinesAsync(db,
            """SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'PK_CostRecords'""")).Single());

        // A new row takes an id past every kept one.
        var next = Rows.Cost(new(2026, 3, 6), 1m);
        next.Source = "focus";
        db.CostRecords.Add(next);
        await db.SaveChangesAsync(Ct);
        Assert.True(next.Id > held.Max(r => r.Id));
        held.Add((next.Id, "focus", next.ChargePeriodStart, next.EffectiveCost));

        await migrator.MigrateAsync(before, Ct);
        Assert.False(await CostPartitions.IsPartitionedAsync(db, Ct));
        Assert.Equal(held, await SnapshotAsync(db));
        Assert.Equal(indexes, await IndexesAsync(db));
    }

    private static async Task<List<(long Id, string Source, DateOnly Day, decimal Cost)>> SnapshotAsync(CostSenseDbContext db) =>
        (await db.CostRecords.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.Source, r.ChargePeriodStart, r.EffectiveCost }).ToListAsync(Ct))
        .Select(r => (r.Id, r.Source, r.ChargePeriodStart, r.EffectiveCost)).ToList();

    private static Task<List<string>> IndexesAsync(CostSenseDbContext db) =>
        LinesAsync(db, """SELECT indexname FROM pg_indexes WHERE tablename = 'CostRecords' ORDER BY indexname COLLATE "C" """);

    private static async Task<long> FileOfAsync(CostSenseDbContext db, string table) =>
        long.Parse((await LinesAsync(db, $"SELECT relfilenode::text FROM pg_class WHERE relname = '{table}'")).Single());

    private static async Task<List<string>> LinesAsync(CostSenseDbContext db, string sql)
    {
        await db.Database.OpenConnectionAsync(Ct);
        await using var cmd = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
        var lines = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) lines.Add(reader.GetString(0));
        return lines;
    }
}
