using System.Linq.Expressions;
using System.Reflection;

using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace CostSense.Core.Data;

/// <summary>
/// Writes a <see cref="CostRecord"/> into a PostgreSQL binary COPY with a typed write per column: the general bulk
/// insert boxes every value and awaits every cell, which is most of an import's client time at millions of rows
/// (40 cells a row). Table, columns and their order come from the EF model, as the general bulk insert reads them, so a
/// column added to the entity is written too (boxed, through its EF converter and store type, when its type is not one
/// of those typed here).
/// </summary>
internal sealed class CostRecordCopy
{
    private readonly Action<NpgsqlBinaryImporter, CostRecord>[] _columns;

    private readonly string _columnList;

    private CostRecordCopy(string table, string columnList, Action<NpgsqlBinaryImporter, CostRecord>[] columns) =>
        (Table, _columnList, _columns) = (table, columnList, columns);

    /// <summary>The cost table's name, quoted (and schema-qualified when the model says so).</summary>
    public string Table { get; }

    /// <summary>The <c>COPY … FROM STDIN (FORMAT BINARY)</c> command the writes fit, into the cost table.</summary>
    public string Command => CommandInto(Table);

    /// <summary>The same COPY into another table of the cost table's columns (quoted name): a month's partition being loaded.</summary>
    public string CommandInto(string quotedTable) => $"COPY {quotedTable} ({_columnList}) FROM STDIN (FORMAT BINARY)";

    public static CostRecordCopy For(CostSenseDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(CostRecord)) ?? throw new InvalidOperationException("CostRecord is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().Where(p => !p.ValueGenerated.HasFlag(ValueGenerated.OnAdd)).ToArray();
        var columns = string.Join(", ", properties.Select(p => Quote(p.GetColumnName(table)!)));
        var name = table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";
        return new CostRecordCopy(name, columns, properties.Select(Writer).ToArray());
    }

    /// <summary>Writes one row (synchronously: Npgsql buffers, and flushes to the socket only when its buffer fills).</summary>
    public void Write(NpgsqlBinaryImporter importer, CostRecord row)
    {
        importer.StartRow();
        foreach (var write in _columns) write(importer, row);
    }

    private static Action<NpgsqlBinaryImporter, CostRecord> Writer(IProperty property)
    {
        var info = property.PropertyInfo ?? throw new InvalidOperationException($"CostRecord.{property.Name} has no CLR property.");
        var converter = property.GetTypeMapping().Converter;
        if (converter is null)
        {
            if (info.PropertyType == typeof(string)) return Text(Getter<string?>(info));
            if (info.PropertyType == typeof(decimal)) return Value(Getter<decimal>(info), NpgsqlDbType.Numeric);
            if (info.PropertyType == typeof(decimal?)) return Nullable(Getter<decimal?>(info), NpgsqlDbType.Numeric);
            if (info.PropertyType == typeof(DateOnly)) return Value(Getter<DateOnly>(info), NpgsqlDbType.Date);
            if (info.PropertyType == typeof(DateOnly?)) return Nullable(Getter<DateOnly?>(info), NpgsqlDbType.Date);
            if (info.PropertyType == typeof(long)) return Value(Getter<long>(info), NpgsqlDbType.Bigint);
            if (info.PropertyType == typeof(long?)) return Nullable(Getter<long?>(info), NpgsqlDbType.Bigint);
            if (info.PropertyType == typeof(int)) return Value(Getter<int>(info), NpgsqlDbType.Integer);
            if (info.PropertyType == typeof(int?)) return Nullable(Getter<int?>(info), NpgsqlDbType.Integer);
        }
        return Boxed(Getter<object?>(info), converter, property.GetColumnType().Split('(')[0]);
    }

    private static Action<NpgsqlBinaryImporter, CostRecord> Text(Func<CostRecord, string?> get) => (importer, row) =>
    {
        if (get(row) is { } text) importer.Write(text, NpgsqlDbType.Text);
        else importer.WriteNull();
    };

    private static Action<NpgsqlBinaryImporter, CostRecord> Value<T>(Func<CostRecord, T> get, NpgsqlDbType type) =>
        (importer, row) => importer.Write(get(row), type);

    private static Action<NpgsqlBinaryImporter, CostRecord> Nullable<T>(Func<CostRecord, T?> get, NpgsqlDbType type) where T : struct =>
        (importer, row) =>
        {
            if (get(row) is { } value) importer.Write(value, type);
            else importer.WriteNull();
        };

    private static Action<NpgsqlBinaryImporter, CostRecord> Boxed(Func<CostRecord, object?> get, ValueConverter? converter, string storeType) =>
        (importer, row) =>
        {
            var value = get(row);
            if (value is not null && converter is not null) value = converter.ConvertToProvider(value);
            if (value is null) importer.WriteNull();
            else importer.Write(value, storeType);
        };

    private static Func<CostRecord, T> Getter<T>(PropertyInfo property)
    {
        var row = Expression.Parameter(typeof(CostRecord));
        Expression read = Expression.Property(row, property);
        if (read.Type != typeof(T)) read = Expression.Convert(read, typeof(T));
        return Expression.Lambda<Func<CostRecord, T>>(read, row).Compile();
    }

    internal static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
