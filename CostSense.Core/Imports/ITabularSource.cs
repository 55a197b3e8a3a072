namespace CostSense.Core.Imports;

/// <summary>
/// One file's table as text cells, whatever its container (CSV, gzip'd CSV, Parquet): the header, then the rows in
/// order. Format detection and row mapping read this and nothing else, so every container maps the same way.
/// </summary>
public interface ITabularSource : IAsyncDisposable
{
    /// <summary>The file's name as the user or the manifest gave it, for messages.</summary>
    string FileName { get; }

    /// <summary>The column names, as written (trimmed of a BOM, not of case).</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>The next row, or null after the last. Throws <see cref="ImportException"/> for a malformed row.</summary>
    ValueTask<TabularRow?> ReadAsync(CancellationToken ct);

    /// <summary>
    /// Says which columns the reader will look at (indices into <see cref="Header"/>), so a source that can skip the
    /// others (a CSV's cells are only text until asked for) leaves them null instead of making a string of every cell:
    /// an Azure export has 96 columns and the mapper reads about 40. Rows are still checked whole (field count). A
    /// source that cannot skip ignores it.
    /// </summary>
    void ReadOnly(IReadOnlyCollection<int> columns) { }
}

/// <summary>
/// A row's cells in header order; a cell is null where the container has a null (Parquet) and the raw text otherwise
/// (a CSV's empty field is ""). <paramref name="Line"/> is the 1-based line the row starts on in a text file (the
/// header is line 1), or the row's number plus one in a Parquet file, so messages point at the same place either way.
/// </summary>
public sealed record TabularRow(long Line, string?[] Cells);
