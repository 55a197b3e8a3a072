namespace CostSense.Core.Imports.Containers;

/// <summary>
/// A cost file opened by <see cref="ContainerOpener"/>: its container, and its content. For <see cref="ContainerKind.Csv"/>
/// and <see cref="ContainerKind.GzipCsv"/> the content is the decompressed UTF-8 text with any byte order mark removed,
/// ready for the CSV reader; for <see cref="ContainerKind.Parquet"/> it is the file's bytes, for
/// <see cref="ParquetTabularSource"/>. Disposing it disposes the stream it was opened from.
/// </summary>
public sealed class OpenedContainer(ContainerKind kind, string fileName, Stream content) : IAsyncDisposable
{
    /// <summary>The detected container.</summary>
    public ContainerKind Kind { get; } = kind;

    /// <summary>The file's name as given, for messages.</summary>
    public string FileName { get; } = fileName;

    /// <summary>The content to read, from its start (see the type's summary for what it holds per container).</summary>
    public Stream Content { get; } = content;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
