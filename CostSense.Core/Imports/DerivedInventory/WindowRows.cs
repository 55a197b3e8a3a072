using System.Data.Common;
using System.Runtime.CompilerServices;
using CostSense.Core.Data;
using CostSense.Core.Recommendations.CostOnly;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CostSense.Core.Imports.DerivedInventory;

/// <summary>
/// The imported Microsoft rows of a date window of disks, VMs and storage accounts, read in one scan ordered by kind (disks
/// first: a VM's summary reads its disks), resource id case-insensitively and day, and handed out a resource at a time.
/// The inventory is built resource by resource: neither the window's rows nor its list of resources is ever held whole.
/// <para>
/// The read runs inside the caller's transaction, which holds the rows just imported. PostgreSQL reads through a cursor
/// a chunk at a time, so the inventory's bulk inserts (COPY) use the same connection between two chunks; SQLite keeps its
/// reader open beside them.
/// </para>
/// </summary>
internal static class WindowRows
{
    // Rows a fetch reads: small enough that a chunk is collected young, large enough that round trips do not count.
    private const int Chunk = 2_000;

    public static async IAsyncEnumerable<(ResourceKind Kind, IReadOnlyList<DerivedRow> Rows)> ByResourceAsync(CostSenseDbContext db, DateOnly from,
        DateOnly last, [EnumeratorCancellation] CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var postgres = db.Database.IsNpgsql();
        // The key is computed once a row, and the kind once, in fenced subqueries (PostgreSQL would otherwise lower the id
        // once for each test of it), in byte order: its order only has to keep a resource's rows together, and bytes sort
        // faster than a language's collation. The sort is most of what this read costs, so its rows carry no more than the
        // inventory reads: of a disk only its id, day and meter.
        static string Unless(string column) => $"""CASE WHEN kind = 0 THEN NULL ELSE "{column}" END""";
        var (bytes, fence) = postgres ? (" COLLATE \"C\"", "OFFSET 0") : ("", "");
        var select = $"""
            SELECT kind, "ResourceId", "ChargePeriodStart", "SkuMeterName", "ChargeDescription",
                   {Unless("ResourceName")}, {Unless("SubAccountId")}, {Unless("ResourceGroup")}, {Unless("RegionId")},
                   {Unless("ConsumedQuantity")}, {Unless("ConsumedUnit")}, {Unless("TagEnvironment")}, {Unless("Tags")}
            FROM (SELECT CASE WHEN k LIKE @disk THEN 0 WHEN k LIKE @vm THEN 1 ELSE 2 END AS kind, *
                  FROM (SELECT lower("ResourceId"{bytes}) AS k, "ResourceId", "ResourceName", "SubAccountId", "ResourceGroup", "RegionId",
                               "ChargePeriodStart", "SkuMeterName", "ChargeDescription", "ConsumedQuantity", "ConsumedUnit", "TagEnvironment", "Tags"
                        FROM "CostRecords"
                        WHERE "Source" LIKE @source AND "ProviderName" = 'Microsoft' AND "ResourceId" IS NOT NULL
                          AND "ChargePeriodStart" >= @from AND "ChargePeriodStart" <= @last {fence}) AS w
                  WHERE k LIKE @disk OR k LIKE @vm OR k LIKE @account {fence}) AS r
            ORDER BY kind, k{bytes}, "ChargePeriodStart"
            """;
        (string, object)[] parameters = [("source", CostImporter.SourcePrefix + "%"), ("from", from), ("last", last), ("disk", Like(CostDerived.DiskMarker)),
            ("vm", Like(CostDerived.VmMarker)), ("account", Like(CostDerived.StorageMarker))];
        const string cursor = "inventory_window";

        DbCommand? read = null;
        DbDataReader? open = null;
        try
        {
            if (postgres) await using (var declare = Command(db, $"DECLARE {cursor} NO SCROLL CURSOR FOR {select}", parameters)) await declare.ExecuteNonQueryAsync(ct);
            else open = await (read = Command(db, select, parameters)).ExecuteReaderAsync(ct);

            var group = new List<DerivedRow>();
            (ResourceKind Kind, string Id)? current = null;
            while (true)
            {
                var chunk = postgres ? await FetchAsync(db, cursor, ct) : await ReadAsync(open!, ct);
                foreach (var (kind, row) in chunk)
                {
                    if (current is { } c && (c.Kind != kind || !string.Equals(c.Id, row.ResourceId, StringComparison.OrdinalIgnoreCase)))
                    {
                        yield return (c.Kind, group);
                        group = [];
                    }
                    current = (kind, row.ResourceId);
                    group.Add(row);
                }
                if (chunk.Count < Chunk) break;
            }
            if (current is { } end) yield return (end.Kind, group);
            if (postgres) await using (var close = Command(db, $"CLOSE {cursor}", [])) await close.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            if (open is not null) await open.DisposeAsync();
            if (read is not null) await read.DisposeAsync();
        }
    }

    private static string Like(string marker) => "%" + marker + "%";

    /// <summary>The cursor's next chunk, read whole before the caller goes on, so the connection is free between chunks.</summary>
    private static async Task<List<(ResourceKind Kind, DerivedRow Row)>> FetchAsync(CostSenseDbContext db, string cursor, CancellationToken ct)
    {
        await using var fetch = Command(db, $"FETCH {Chunk} FROM {cursor}", []);
        await using var reader = await fetch.ExecuteReaderAsync(ct);
        return await ReadAsync(reader, ct);
    }

    private static async Task<List<(ResourceKind Kind, DerivedRow Row)>> ReadAsync(DbDataReader reader, CancellationToken ct)
    {
        var rows = new List<(ResourceKind, DerivedRow)>(Chunk);
        while (rows.Count < Chunk && await reader.ReadAsync(ct))
        {
            var (meter, description) = (Text(reader, 3), Text(reader, 4));
            rows.Add(((ResourceKind)reader.GetInt32(0), new DerivedRow(reader.GetString(1), Text(reader, 5), Text(reader, 6) ?? "",
                Text(reader, 7) ?? "", Text(reader, 8) ?? "", reader.GetFieldValue<DateOnly>(2), meter ?? description, description,
                reader.IsDBNull(9) ? null : reader.GetDecimal(9), Text(reader, 10), Text(reader, 11), Text(reader, 12))));
        }
        return rows;
    }

    private static string? Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static DbCommand Command(CostSenseDbContext db, string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandTimeout = db.Database.GetCommandTimeout() ?? 30;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }
}

/// <summary>The kinds of resource the inventory is built of, in the order the window hands them out.</summary>
internal enum ResourceKind
{
    Disk,
    Vm,
    StorageAccount,
}

/// <summary>What the inventory reads of one cost row.</summary>
internal sealed record DerivedRow(string ResourceId, string? Name, string Subscription, string ResourceGroup, string Region, DateOnly Day,
    string? Meter, string? Description, decimal? Quantity, string? Unit, string? Environment, string? Tags);
