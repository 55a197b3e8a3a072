using Parquet;
using Parquet.Schema;

namespace CostSense.Core.Imports.Containers;

/// <summary>
/// A Parquet file as an <see cref="ITabularSource"/> (Parquet.Net): read one row group at a time, each cell as the text
/// a CSV of the same data would carry (<see cref="ParquetCellText"/>), a null as null, and
/// <see cref="TabularRow.Line"/> the row's 1-based number plus one (the first row is line 2, as under a CSV header).
/// Snappy, gzip, zstd and the other Parquet codecs are Parquet.Net's. Nested and repeated columns are refused.
/// </summary>
public sealed class ParquetTabularSource : ITabularSource
{
    // Decimals as BigDecimal (the stored integer and scale), so no digit of a DECIMAL(38, …) is lost on the way to text.
    private static ParquetOptions Options => new() { TreatByteArrayAsString = true, UseDateOnlyTypeForDates = true, UseBigDecimal = true };

    private readonly ParquetReader _reader;
    private readonly Stream _stream;
    private readonly DataField[] _fields;
    private int _nextGroup;
    private ParquetColumn[] _columns = [];
    private int _rowsInGroup;
    private int _rowInGroup;
    private long _rowNumber;

    private ParquetTabularSource(string fileName, Stream stream, ParquetReader reader, DataField[] fields)
    {
        FileName = fileName;
        _stream = stream;
        _reader = reader;
        _fields = fields;
        Header = fields.Select(f => f.Name).ToArray();
    }

    /// <inheritdoc />
    public string FileName { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Header { get; }

    /// <summary>
    /// Opens a Parquet file (taking ownership of <paramref name="stream"/>). Parquet is read from its footer, so a
    /// stream that cannot seek (an upload, a blob download) is first spooled to a temporary file that is deleted on
    /// close. Throws <see cref="ImportException"/> for a file that is not readable Parquet or has nested columns.
    /// </summary>
    public static async Task<ParquetTabularSource> OpenAsync(Stream stream, string fileName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Stream seekable = stream;
        try
        {
            if (!stream.CanSeek)
            {
                seekable = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
                    FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                await stream.CopyToAsync(seekable, ct);
                await stream.DisposeAsync();
                seekable.Position = 0;
            }

            ParquetReader reader;
            try { reader = await ParquetReader.CreateAsync(seekable, Options, leaveStreamOpen: true, ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new ImportException(fileName, "is not a readable Parquet file: " + e.Message);
            }

            var fields = new List<DataField>();
            foreach (var field in reader.Schema.Fields)
            {
                if (field is not DataField data || data.IsArray)
                {
                    await reader.DisposeAsync();
                    throw new ImportException(fileName, $"has a nested or repeated column ({field.Name}); cost exports have flat columns only", column: field.Name);
                }
                fields.Add(data);
            }
            return new ParquetTabularSource(fileName, seekable, reader, fields.ToArray());
        }
        catch
        {
            await seekable.DisposeAsync();
            if (!ReferenceEquals(seekable, stream)) await stream.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask<TabularRow?> ReadAsync(CancellationToken ct)
    {
        while (_rowInGroup >= _rowsInGroup)
        {
            if (_nextGroup >= _reader.RowGroupCount) return null;
            await LoadGroupAsync(_nextGroup++, ct);
        }
        var cells = new string?[_columns.Length];
        for (var c = 0; c < cells.Length; c++) cells[c] = _columns[c].Text(_rowInGroup);
        _rowInGroup++;
        _rowNumber++;
        return new TabularRow(_rowNumber + 1, cells);
    }

    private async Task LoadGroupAsync(int index, CancellationToken ct)
    {
        _columns = [];
        try
        {
            using var group = _reader.OpenRowGroupReader(index);
            var rows = checked((int)group.RowCount);
            var columns = new ParquetColumn[_fields.Length];
            for (var c = 0; c < _fields.Length; c++)
                columns[c] = await ParquetColumn.ReadAsync(group, _fields[c], rows, ct)
                    ?? throw new ImportException(FileName, $"has a column of type {_fields[c].ClrType.Name}, which imports do not read", column: _fields[c].Name);
            _columns = columns;
            _rowsInGroup = rows;
            _rowInGroup = 0;
        }
        catch (Exception e) when (e is not ImportException and not OperationCanceledException)
        {
            throw new ImportException(FileName, $"row group {index + 1} of {_reader.RowGroupCount} cannot be read: {e.Message}", line: _rowNumber + 2);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
