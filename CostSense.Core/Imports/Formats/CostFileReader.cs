using System.Runtime.CompilerServices;

namespace CostSense.Core.Imports.Formats;

/// <summary>
/// A cost file's rows as store records: recognises the format from the source's header (and a manifest's hint),
/// then maps each row as it is read, so a file is streamed, never held whole. Any malformed row throws
/// <see cref="ImportException"/> naming file, line, column, value and reason; the caller refuses the whole file.
/// </summary>
public sealed class CostFileReader
{
    private readonly ITabularSource _source;
    private readonly ICostRowMapper _mapper;

    private CostFileReader(ITabularSource source, DetectedFormat format, ICostRowMapper mapper)
    {
        _source = source;
        Format = format;
        _mapper = mapper;
    }

    /// <summary>The format the header was recognised as.</summary>
    public DetectedFormat Format { get; }

    /// <summary>Recognises <paramref name="source"/>'s format, or throws <see cref="ImportException"/> naming the closest.</summary>
    public static CostFileReader Open(ITabularSource source, FormatHint? hint = null)
    {
        var columns = new ColumnIndex(source.Header);
        var format = FormatDetector.Detect(source.FileName, columns, hint);
        ICostRowMapper mapper = format.Kind switch
        {
            CostFormatKind.ClassicActual or CostFormatKind.ClassicAmortized => new ClassicRowMapper(source.FileName, columns,
                amortized: format.Kind == CostFormatKind.ClassicAmortized, mca: format.Version == "MCA"),
            _ => new FocusRowMapper(source.FileName, columns),
        };
        if (mapper.Columns is { } read) source.ReadOnly(read);
        return new CostFileReader(source, format, mapper);
    }

    /// <summary>The file's rows, mapped, in order. A header-only file yields none.</summary>
    public async IAsyncEnumerable<ImportedCostRow> ReadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        while (await _source.ReadAsync(ct) is { } row)
        {
            ct.ThrowIfCancellationRequested();
            yield return _mapper.Map(row);
        }
    }
}
