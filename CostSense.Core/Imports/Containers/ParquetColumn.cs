using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace CostSense.Core.Imports.Containers;

/// <summary>One column of one row group, read into its typed values; a row's cell text is made when it is read.</summary>
internal abstract class ParquetColumn
{
    public abstract string? Text(int row);

    /// <summary>Reads <paramref name="field"/> of a row group, or null for a type imports do not read.</summary>
    public static async Task<ParquetColumn?> ReadAsync(ParquetRowGroupReader group, DataField field, int rows, CancellationToken ct)
    {
        var t = field.ClrType;
        if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>))   // Parquet.Net 6 reports strings as ReadOnlyMemory<char>
        {
            var values = new string?[rows];
            await group.ReadAsync(field, values.AsMemory(), null, ct);
            return new Strings(values);
        }
        if (t == typeof(byte[]) || t == typeof(ReadOnlyMemory<byte>))
        {
            var values = new byte[]?[rows];
            await group.ReadAsync(field, values.AsMemory(), null, ct);
            return new Strings(values.Select(v => v is null ? null : Convert.ToBase64String(v)).ToArray());
        }
        if (t == typeof(BigDecimal)) return await ReadAsync<BigDecimal>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(decimal)) return await ReadAsync<decimal>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(DateTime)) return await ReadAsync<DateTime>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(DateTimeOffset)) return await ReadAsync<DateTimeOffset>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(DateOnly)) return await ReadAsync<DateOnly>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(TimeOnly)) return await ReadAsync<TimeOnly>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(TimeSpan)) return await ReadAsync<TimeSpan>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(double)) return await ReadAsync<double>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(float)) return await ReadAsync<float>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(bool)) return await ReadAsync<bool>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(Guid)) return await ReadAsync<Guid>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(long)) return await ReadAsync<long>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(int)) return await ReadAsync<int>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(short)) return await ReadAsync<short>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(sbyte)) return await ReadAsync<sbyte>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(ulong)) return await ReadAsync<ulong>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(uint)) return await ReadAsync<uint>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(ushort)) return await ReadAsync<ushort>(group, field, rows, ParquetCellText.Of, ct);
        if (t == typeof(byte)) return await ReadAsync<byte>(group, field, rows, ParquetCellText.Of, ct);
        return null;
    }

    private static async Task<ParquetColumn> ReadAsync<T>(ParquetRowGroupReader group, DataField field, int rows, Func<T, string> text, CancellationToken ct)
        where T : struct
    {
        if (field.IsNullable)
        {
            var values = new T?[rows];
            await group.ReadAsync<T>(field, (Memory<T?>)values, null, ct);
            return new Nullables<T>(values, text);
        }
        var required = new T[rows];
        await group.ReadAsync<T>(field, (Memory<T>)required, null, ct);
        return new Values<T>(required, text);
    }

    private sealed class Strings(string?[] values) : ParquetColumn
    {
        public override string? Text(int row) => values[row];
    }

    private sealed class Nullables<T>(T?[] values, Func<T, string> text) : ParquetColumn where T : struct
    {
        public override string? Text(int row) => values[row] is { } v ? text(v) : null;
    }

    private sealed class Values<T>(T[] values, Func<T, string> text) : ParquetColumn where T : struct
    {
        public override string? Text(int row) => text(values[row]);
    }
}
