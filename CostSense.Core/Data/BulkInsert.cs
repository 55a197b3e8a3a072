using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CostSense.Core.Data;

/// <summary>
/// Streams rows into a table inside the context's current transaction, bypassing the change tracker:
/// PostgreSQL binary COPY, or one prepared INSERT re-run per row on SQLite. Table, columns and value
/// conversions come from the EF model, so the rows read back exactly as EF wrote them.
/// </summary>
internal static class BulkInsert
{
    public static Task<int> InsertAsync<T>(CostSenseDbContext db, IEnumerable<T> rows, CancellationToken ct) where T : class =>
        InsertAsync(db, rows.ToAsyncEnumerable(), ct);

    /// <summary>Streams rows produced asynchronously (an importer reading a file as it goes), never holding them all.</summary>
    public static async Task<int> InsertAsync<T>(CostSenseDbContext db, IAsyncEnumerable<T> rows, CancellationToken ct) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => !p.ValueGenerated.HasFlag(ValueGenerated.OnAdd))
            .Select(p => new Column(p.GetColumnName(table)!, p.GetColumnType(), p.PropertyInfo!, p.GetTypeMapping().Converter))
            .ToArray();
        var tableName = Quote(table.Name);
        var columnList = string.Join(", ", columns.Select(c => Quote(c.Name)));

        await db.Database.OpenConnectionAsync(ct);
        return db.Database.GetDbConnection() switch
        {
            NpgsqlConnection pg => await CopyAsync(pg, $"COPY {tableName} ({columnList}) FROM STDIN (FORMAT BINARY)", columns, rows, ct),
            var conn => await InsertEachAsync(conn, db.Database.CurrentTransaction?.GetDbTransaction(), tableName, columnList, columns, rows, ct),
        };
    }

    private static async Task<int> CopyAsync<T>(NpgsqlConnection conn, string copy, Column[] columns, IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var types = columns.Select(c => c.StoreType.Split('(')[0]).ToArray();
        var count = 0;
        await using (var importer = await conn.BeginBinaryImportAsync(copy, ct))
        {
            await foreach (var row in rows.WithCancellation(ct))
            {
                await importer.StartRowAsync(ct);
                for (var i = 0; i < columns.Length; i++)
                {
                    var value = columns[i].Read(row!);
                    if (value is null) await importer.WriteNullAsync(ct);
                    else await importer.WriteAsync(value, types[i], ct);
                }
                count++;
            }
            await importer.CompleteAsync(ct);
        }
        return count;
    }

    private static async Task<int> InsertEachAsync<T>(DbConnection conn, DbTransaction? tx, string table, string columnList, Column[] columns,
        IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO {table} ({columnList}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) =>
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "$p" + i;
            cmd.Parameters.Add(p);
            return p;
        }).ToArray();
        cmd.Prepare();
        var count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            if ((count & 1023) == 0) ct.ThrowIfCancellationRequested();
            for (var i = 0; i < columns.Length; i++) parameters[i].Value = columns[i].Read(row!) ?? DBNull.Value;
            // SQLite's ADO.NET provider is synchronous underneath: the synchronous call saves a task per row.
            cmd.ExecuteNonQuery();
            count++;
        }
        return count;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private sealed record Column(string Name, string StoreType, System.Reflection.PropertyInfo Property, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter)
    {
        // A compiled getter: a million-row import reads tens of millions of cells, and PropertyInfo.GetValue is slow.
        private readonly Func<object, object?> _get = Getter(Property);

        public object? Read(object row)
        {
            var value = _get(row);
            return value is null || Converter is null ? value : Converter.ConvertToProvider(value);
        }

        private static Func<object, object?> Getter(System.Reflection.PropertyInfo property)
        {
            var row = System.Linq.Expressions.Expression.Parameter(typeof(object));
            var read = System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Convert(row, property.DeclaringType!), property);
            return System.Linq.Expressions.Expression.Lambda<Func<object, object?>>(System.Linq.Expressions.Expression.Convert(read, typeof(object)), row).Compile();
        }
    }
}
