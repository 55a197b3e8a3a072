using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CostSense.Core.Data;

/// <summary>
/// The PostgreSQL cost table partitioned by month (declarative range partitioning on ChargePeriodStart), so replacing a
/// month is a partition-level operation and a query for a period reads only its months. One partition per calendar month,
/// named CostRecords_yyyy_MM; the primary key is (Id, ChargePeriodStart) because PostgreSQL requires the partition key in
/// every unique index, while the EF model keeps Id as the key (Id alone is still unique: it comes from one identity).
/// <para>
/// There is no DEFAULT partition on purpose: every writer goes through <c>CostStore</c>, which creates the months a write
/// needs first, so a default would stay empty; yet while one exists, attaching any new month must scan it under lock, and
/// a row that lands there (a month nobody created) is never pruned. Without it such a row fails loudly instead.
/// </para>
/// SQLite keeps its plain table: nothing here runs there.
/// </summary>
public static class CostPartitions
{
    private const string Table = "CostRecords";

    /// <summary>
    /// Converts an existing, possibly populated, plain "CostRecords" into the partitioned table, keeping every row and Id:
    /// the old table is renamed, the partitioned one created with the same columns (and identity), a partition made per
    /// month present, the rows copied, the identity moved past the highest Id, the old table dropped, then its indexes and
    /// foreign keys re-created on the new parent from their own definitions (so indexes added by later model changes are
    /// kept whatever migration adds them). Fails, changing nothing, if another table's foreign key points at cost rows.
    /// </summary>
    public const string PartitionSql = """
        DO $$
        DECLARE
            defs text[];
            fks text[];
            def text;
            m date;
            seq text;
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = '"CostRecords"'::regclass) THEN RETURN; END IF;
            IF EXISTS (SELECT 1 FROM pg_constraint WHERE contype = 'f' AND confrelid = '"CostRecords"'::regclass) THEN
                RAISE EXCEPTION 'A foreign key references "CostRecords"; partitioning it would need (Id, ChargePeriodStart) there.';
            END IF;
            SELECT coalesce(array_agg(pg_get_indexdef(i.indexrelid)), '{}') INTO defs
                FROM pg_index i WHERE i.indrelid = '"CostRecords"'::regclass AND NOT i.indisprimary;
            SELECT coalesce(array_agg(format('ALTER TABLE "CostRecords" ADD CONSTRAINT %I %s', conname, pg_get_constraintdef(oid))), '{}') INTO fks
                FROM pg_constraint WHERE contype = 'f' AND conrelid = '"CostRecords"'::regclass;

            ALTER TABLE "CostRecords" RENAME TO "CostRecords_unpartitioned";
            CREATE TABLE "CostRecords" (LIKE "CostRecords_unpartitioned" INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED)
                PARTITION BY RANGE ("ChargePeriodStart");
            FOR m IN SELECT DISTINCT date_trunc('month', "ChargePeriodStart")::date FROM "CostRecords_unpartitioned" LOOP
                EXECUTE format('CREATE TABLE %I PARTITION OF "CostRecords" FOR VALUES FROM (%L) TO (%L)',
                    'CostRecords_' || to_char(m, 'YYYY_MM'), m, (m + interval '1 month')::date);
            END LOOP;
            INSERT INTO "CostRecords" OVERRIDING SYSTEM VALUE SELECT * FROM "CostRecords_unpartitioned";

            seq := pg_get_serial_sequence('"CostRecords"', 'Id');
            PERFORM setval(seq, coalesce((SELECT max("Id") FROM "CostRecords"), 0) + 1, false);
            DROP TABLE "CostRecords_unpartitioned";
            EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', seq, 'CostRecords_Id_seq');

            ALTER TABLE "CostRecords" ADD CONSTRAINT "PK_CostRecords" PRIMARY KEY ("Id", "ChargePeriodStart");
            FOREACH def IN ARRAY defs LOOP EXECUTE def; END LOOP;
            FOREACH def IN ARRAY fks LOOP EXECUTE def; END LOOP;
            ANALYZE "CostRecords";
        END $$;
        """;

    /// <summary>The reverse of <see cref="PartitionSql"/>: one plain table again, every row, Id, index and foreign key kept.</summary>
    public const string UnpartitionSql = """
        DO $$
        DECLARE
            defs text[];
            fks text[];
            def text;
            seq text;
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = '"CostRecords"'::regclass) THEN RETURN; END IF;
            SELECT coalesce(array_agg(replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ')), '{}') INTO defs
                FROM pg_index i WHERE i.indrelid = '"CostRecords"'::regclass AND NOT i.indisprimary;
            SELECT coalesce(array_agg(format('ALTER TABLE "CostRecords" ADD CONSTRAINT %I %s', conname, pg_get_constraintdef(oid))), '{}') INTO fks
                FROM pg_constraint WHERE contype = 'f' AND conrelid = '"CostRecords"'::regclass;

            ALTER TABLE "CostRecords" RENAME TO "CostRecords_partitioned";
            CREATE TABLE "CostRecords" (LIKE "CostRecords_partitioned" INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED);
            INSERT INTO "CostRecords" OVERRIDING SYSTEM VALUE SELECT * FROM "CostRecords_partitioned";
            seq := pg_get_serial_sequence('"CostRecords"', 'Id');
            PERFORM setval(seq, coalesce((SELECT max("Id") FROM "CostRecords"), 0) + 1, false);
            DROP TABLE "CostRecords_partitioned";
            EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', seq, 'CostRecords_Id_seq');

            ALTER TABLE "CostRecords" ADD CONSTRAINT "PK_CostRecords" PRIMARY KEY ("Id");
            FOREACH def IN ARRAY defs LOOP EXECUTE def; END LOOP;
            FOREACH def IN ARRAY fks LOOP EXECUTE def; END LOOP;
        END $$;
        """;

    /// <summary>The partition of the month <paramref name="day"/> falls in.</summary>
    public static string PartitionName(DateOnly day) => $"{Table}_{day:yyyy_MM}";

    /// <summary>Whether the store's cost table is partitioned (PostgreSQL after the migration); false on SQLite.</summary>
    internal static async Task<bool> IsPartitionedAsync(CostSenseDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return false;
        return await ScalarAsync<bool>(db, "SELECT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass('\"CostRecords\"'))", [], ct);
    }

    /// <summary>The names of the month partitions that exist.</summary>
    internal static async Task<HashSet<string>> PartitionsAsync(CostSenseDbContext db, CancellationToken ct)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var cmd = await CommandAsync(db,
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '\"CostRecords\"'::regclass", [], ct);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>
    /// Creates the month partitions of [start, end) that do not exist yet, inside the caller's transaction (a rolled-back
    /// write leaves none behind). Each is created on its own and then attached: CREATE TABLE … PARTITION OF would hold an
    /// ACCESS EXCLUSIVE lock on the whole cost table until the write commits, stopping every reader for a long import, while
    /// ATTACH PARTITION takes SHARE UPDATE EXCLUSIVE, which readers and other writers pass. The empty table attaches at once
    /// (no rows to check, no DEFAULT partition to scan) and gets the parent's indexes.
    /// </summary>
    internal static async Task EnsureMonthsAsync(CostSenseDbContext db, DateOnly start, DateOnly end, CancellationToken ct)
    {
        var existing = await PartitionsAsync(db, ct);
        for (var month = new DateOnly(start.Year, start.Month, 1); month < end; month = month.AddMonths(1))
        {
            var name = PartitionName(month);
            if (existing.Contains(name)) continue;
            var quoted = Quote(name);
            await ExecuteAsync(db, $"""
                CREATE TABLE IF NOT EXISTS {quoted} (LIKE "CostRecords" INCLUDING DEFAULTS);
                ALTER TABLE "CostRecords" ATTACH PARTITION {quoted} FOR VALUES FROM ('{month:yyyy-MM-dd}') TO ('{month.AddMonths(1):yyyy-MM-dd}');
                """, [], ct);
        }
    }

    /// <summary>
    /// Creates month <paramref name="month"/>'s table for a bulk load, not yet a partition and without indexes: a COPY into
    /// it writes only the heap, and <see cref="AttachLoadedMonthAsync"/> then builds each index once, sorted, instead of
    /// inserting every row into five b-trees as it comes (a random one among them, ResourceId), which was most of the
    /// server's time in an import of a new month. Its Id is drawn from the cost table's own sequence (the value the
    /// parent's identity would give) and a CHECK keeps its rows inside the month, so a row of another month fails at COPY
    /// and the attach need not scan the table to prove the bound. Inside the caller's transaction: nothing is visible to
    /// another session until it commits, and a rollback leaves no table behind.
    /// </summary>
    internal static async Task CreateLoadMonthAsync(CostSenseDbContext db, DateOnly month, CancellationToken ct)
    {
        var quoted = Quote(PartitionName(month));
        var sequence = await ScalarAsync<string>(db, "SELECT pg_get_serial_sequence('\"CostRecords\"', 'Id')", [], ct);
        await ExecuteAsync(db, $"""
            CREATE TABLE {quoted} (LIKE "CostRecords" INCLUDING DEFAULTS);
            ALTER TABLE {quoted} ALTER COLUMN "Id" SET DEFAULT nextval('{sequence.Replace("'", "''")}'::regclass);
            ALTER TABLE {quoted} ADD CONSTRAINT {Quote(LoadCheck(month))}
                CHECK ("ChargePeriodStart" >= '{month:yyyy-MM-dd}' AND "ChargePeriodStart" < '{month.AddMonths(1):yyyy-MM-dd}');
            """, [], ct);
    }

    /// <summary>
    /// Makes a table <see cref="CreateLoadMonthAsync"/> made, now loaded, the month's partition: the parent's primary key and
    /// indexes are built on it (from their own definitions, so an index a later migration adds is built too), then it is
    /// attached, which adopts those indexes rather than building them again and, thanks to the CHECK, reads no row; the
    /// load's default and CHECK go, leaving it like every other month.
    /// </summary>
    internal static async Task AttachLoadedMonthAsync(CostSenseDbContext db, DateOnly month, CancellationToken ct)
    {
        var quoted = Quote(PartitionName(month));
        var sql = new System.Text.StringBuilder();
        // The sorts of the index builds are the server's: more memory than the default 64 MB keeps them off disk.
        sql.AppendLine("SET LOCAL maintenance_work_mem = '256MB';");
        await using (var cmd = await CommandAsync(db, """
            SELECT format('ALTER TABLE %I ADD %s', @partition, pg_get_constraintdef(c.oid)) FROM pg_constraint c
                WHERE c.conrelid = '"CostRecords"'::regclass AND c.contype IN ('p', 'u')
            UNION ALL
            SELECT format('CREATE %sINDEX ON %I%s', CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END, @partition,
                    substring(pg_get_indexdef(i.indexrelid) FROM ' USING .*$'))
                FROM pg_index i
                WHERE i.indrelid = '"CostRecords"'::regclass
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
            """, [new("partition", PartitionName(month))], ct))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) sql.Append(reader.GetString(0)).AppendLine(";");
        sql.AppendLine($"""
            ALTER TABLE "CostRecords" ATTACH PARTITION {quoted} FOR VALUES FROM ('{month:yyyy-MM-dd}') TO ('{month.AddMonths(1):yyyy-MM-dd}');
            ALTER TABLE {quoted} DROP CONSTRAINT {Quote(LoadCheck(month))};
            ALTER TABLE {quoted} ALTER COLUMN "Id" DROP DEFAULT;
            SET LOCAL maintenance_work_mem TO DEFAULT;
            """);
        // Building the indexes of millions of rows takes as long as it takes: the statement gets the migrations' hour, not
        // the 30 seconds of a query.
        await ExecuteAsync(db, sql.ToString(), [], ct, timeoutSeconds: 3600);
    }

    /// <summary>
    /// Refreshes the planner's statistics of the rows dated in [start, end): on a partitioned table the months' partitions
    /// that exist (ANALYZE of the parent samples every month, then recurses into each and samples it again), otherwise
    /// the whole table. Rows copied in by the caller's transaction count: ANALYZE sees them.
    /// </summary>
    internal static async Task AnalyzeAsync(CostSenseDbContext db, DateOnly start, DateOnly end, CancellationToken ct)
    {
        if (!await IsPartitionedAsync(db, ct))
        {
            await ExecuteAsync(db, $"ANALYZE {Quote(Table)}", [], ct, timeoutSeconds: 3600);
            return;
        }
        var existing = await PartitionsAsync(db, ct);
        var months = new List<string>();
        for (var month = new DateOnly(start.Year, start.Month, 1); month < end; month = month.AddMonths(1))
            if (existing.Contains(PartitionName(month))) months.Add(Quote(PartitionName(month)));
        if (months.Count > 0) await ExecuteAsync(db, $"ANALYZE {string.Join(", ", months)}", [], ct, timeoutSeconds: 3600);
    }

    private static string LoadCheck(DateOnly month) => $"{PartitionName(month)}_load";

    /// <summary>
    /// Empties with TRUNCATE every month partition that holds only <paramref name="source"/>'s rows dated in [start, end)
    /// (so nothing another source wrote, and nothing of this source outside the period, is there), and returns how many rows
    /// it removed. What it leaves (a month shared with another source, a month only partly replaced) the caller deletes row by
    /// row as before. TRUNCATE frees the month at once with no dead rows left for vacuum; it locks only that month, and rolls
    /// back with the transaction.
    /// </summary>
    internal static async Task<long> TruncateWholeMonthsAsync(CostSenseDbContext db, string source, DateOnly start, DateOnly end, CancellationToken ct)
    {
        var existing = await PartitionsAsync(db, ct);
        long removed = 0;
        foreach (var name in existing.Order(StringComparer.Ordinal))
        {
            if (MonthOf(name) is not { } month || month.AddMonths(1) <= start || month >= end) continue;
            var quoted = Quote(name);
            // Each probe is an index range scan ((Source, ChargePeriodStart) and (ChargePeriodStart)), not a read of the month.
            var shared = await ScalarAsync<bool>(db, $"""
                SELECT EXISTS (SELECT 1 FROM {quoted} WHERE "Source" < @source)
                    OR EXISTS (SELECT 1 FROM {quoted} WHERE "Source" > @source)
                    OR EXISTS (SELECT 1 FROM {quoted} WHERE "ChargePeriodStart" < @start)
                    OR EXISTS (SELECT 1 FROM {quoted} WHERE "ChargePeriodStart" >= @end)
                """, [new("source", source), new("start", start), new("end", end)], ct);
            if (shared) continue;
            var count = await ScalarAsync<long>(db, $"SELECT count(*) FROM {quoted}", [], ct);
            if (count == 0) continue;
            await ExecuteAsync(db, $"TRUNCATE {quoted}", [], ct);
            removed += count;
        }
        return removed;
    }

    private static DateOnly? MonthOf(string partition) =>
        partition.Length == Table.Length + 8 && partition.StartsWith(Table + "_", StringComparison.Ordinal)
        && DateOnly.TryParseExact(partition[(Table.Length + 1)..] + "_01", "yyyy_MM_dd", out var month) ? month : null;

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static async Task<NpgsqlCommand> CommandAsync(CostSenseDbContext db, string sql, NpgsqlParameter[] parameters, CancellationToken ct,
        int? timeoutSeconds = null)
    {
        await db.Database.OpenConnectionAsync(ct);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var cmd = new NpgsqlCommand(sql, conn)
        {
            Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
            CommandTimeout = timeoutSeconds ?? db.Database.GetCommandTimeout() ?? 30,
        };
        cmd.Parameters.AddRange(parameters);
        return cmd;
    }

    private static async Task<T> ScalarAsync<T>(CostSenseDbContext db, string sql, NpgsqlParameter[] parameters, CancellationToken ct)
    {
        await using var cmd = await CommandAsync(db, sql, parameters, ct);
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecuteAsync(CostSenseDbContext db, string sql, NpgsqlParameter[] parameters, CancellationToken ct,
        int? timeoutSeconds = null)
    {
        await using var cmd = await CommandAsync(db, sql, parameters, ct, timeoutSeconds);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
