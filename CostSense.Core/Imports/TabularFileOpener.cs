using CostSense.Core.Imports.Containers;

namespace CostSense.Core.Imports;

/// <summary>
/// Opens any cost file as a table: <see cref="ContainerOpener"/> finds the container and checks the bytes (gzip within
/// its limit, UTF-8 only), then CSV text goes to <see cref="CsvTabularSource"/> and Parquet to
/// <see cref="ParquetTabularSource"/>. Upload, command line and export container all open files here.
/// </summary>
public sealed class TabularFileOpener(ContainerOpener containers)
{
    /// <summary>Opens <paramref name="raw"/>, taking ownership of it: disposing the table disposes the stream.</summary>
    public async Task<ITabularSource> OpenAsync(Stream raw, string fileName, CancellationToken ct)
    {
        var opened = await containers.OpenAsync(raw, fileName, ct);
        try
        {
            return opened.Kind == ContainerKind.Parquet
                ? await ParquetTabularSource.OpenAsync(opened.Content, fileName, ct)
                : await CsvTabularSource.OpenAsync(fileName, opened.Content, ct);
        }
        catch
        {
            await opened.DisposeAsync();
            throw;
        }
    }
}
