using System.Text;
using nietras.SeparatedValues;

namespace CostSense.Core.Imports;

/// <summary>
/// A comma-separated file as an <see cref="ITabularSource"/>, read with Sep row by row (never the whole file): UTF-8
/// with or without BOM, CRLF or LF, quoted fields holding commas, quotes and line breaks. Rows carry the physical line
/// they start on, so a multi-line quoted field does not shift later line numbers. Blank lines are skipped (the FOCUS
/// spec's examples have them between rows). A row whose field count differs from the header's, a duplicate header
/// column and an empty file are refused with an <see cref="ImportException"/>.
/// </summary>
public sealed class CsvTabularSource : ITabularSource
{
    private readonly SepReader _reader;
    private readonly IReadOnlyList<string> _header;
    private int[]? _wanted;

    private CsvTabularSource(string fileName, SepReader reader, IReadOnlyList<string> header)
    {
        FileName = fileName;
        _reader = reader;
        _header = header;
    }

    /// <inheritdoc />
    public string FileName { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Header => _header;

    /// <summary>
    /// Opens <paramref name="stream"/> (already decompressed) and reads its header. The stream is disposed with the source.
    /// </summary>
    public static async ValueTask<CsvTabularSource> OpenAsync(string fileName, Stream stream, CancellationToken ct)
    {
        // Strict UTF-8: invalid bytes throw instead of becoming U+FFFD in a resource name; the BOM is detected and dropped.
        var text = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: false);
        SepReader reader;
        try
        {
            // No header in Sep's sense: the header is read here, so a duplicate column gets our message, not Sep's.
            reader = await Sep.Reader(o => o with
            {
                Sep = Sep.New(','),
                HasHeader = false,
                Unescape = true,
                DisableColCountCheck = true,
                CultureInfo = System.Globalization.CultureInfo.InvariantCulture,
                // A cost file repeats its dimensions (account, subscription, region, meter, currency) on every row: a
                // string pool per column hands back the same instance for the same text instead of a new string per
                // cell (2 million rows × 40 cells). Longer text (tags, resource ids) is allocated as before.
                CreateToString = SepToString.PoolPerCol(maximumStringLength: 128),
            }).FromAsync(text, ct);
        }
        catch (Exception e)
        {
            text.Dispose();
            if (e is DecoderFallbackException) throw new ImportException(fileName, $"the file is not valid UTF-8 ({e.Message})");
            throw;
        }

        try
        {
            var header = await ReadHeaderAsync(fileName, reader, ct);
            return new CsvTabularSource(fileName, reader, header);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static async ValueTask<IReadOnlyList<string>> ReadHeaderAsync(string fileName, SepReader reader, CancellationToken ct)
    {
        // The header's line is counted here, not taken from Sep: for the row Sep reads while opening, LineNumberFrom
        // came out as 2 (Sep 0.17.1, HasHeader = false); the rows after it carry their physical lines.
        var line = 1;
        while (await MoveNextAsync(fileName, reader, ct))
        {
            if (IsBlank(reader.Current))
            {
                line++;
                continue;
            }
            var row = reader.Current;
            var names = new string[row.ColCount];
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < names.Length; i++)
            {
                var name = row[i].ToString();
                if (i == 0) name = name.TrimStart('\uFEFF');
                if (seen.TryGetValue(name, out var first))
                    throw new ImportException(fileName,
                        $"the header names column '{name}' twice (fields {first + 1} and {i + 1})", line, name);
                seen[name] = i;
                names[i] = name;
            }
            return names;
        }
        throw new ImportException(fileName, "the file is empty: no header and no rows");
    }

    /// <inheritdoc />
    public async ValueTask<TabularRow?> ReadAsync(CancellationToken ct)
    {
        while (await MoveNextAsync(FileName, _reader, ct))
        {
            var row = _reader.Current;
            if (IsBlank(row)) continue;
            if (row.ColCount != _header.Count)
            {
                var column = row.ColCount < _header.Count ? _header[row.ColCount] : $"#{_header.Count + 1} (past the last header column)";
                throw new ImportException(FileName,
                    $"the row has {row.ColCount} fields but the header has {_header.Count}", row.LineNumberFrom, column);
            }
            var cells = new string?[row.ColCount];
            if (_wanted is { } wanted)
                foreach (var i in wanted) cells[i] = row[i].ToString();
            else
                for (var i = 0; i < cells.Length; i++) cells[i] = row[i].ToString();
            return new TabularRow(row.LineNumberFrom, cells);
        }
        return null;
    }

    /// <inheritdoc />
    public void ReadOnly(IReadOnlyCollection<int> columns) =>
        _wanted = columns.Where(i => i >= 0 && i < _header.Count).Distinct().Order().ToArray();

    private static async ValueTask<bool> MoveNextAsync(string fileName, SepReader reader, CancellationToken ct)
    {
        try
        {
            return await reader.MoveNextAsync(ct);
        }
        catch (DecoderFallbackException e)
        {
            throw new ImportException(fileName, $"the file is not valid UTF-8 ({e.Message})");
        }
    }

    private static bool IsBlank(SepReader.Row row) => row.ColCount == 1 && row.Span.IsEmpty;

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        return ValueTask.CompletedTask;
    }
}
