namespace CostSense.Core.Imports.Manifests;

/// <summary>
/// The files of an export destination, wherever they are: a folder of downloaded runs (<see cref="FolderExportFiles"/>,
/// as <c>azcopy</c> copies a container) or, later, the storage container itself. Paths are relative to the listing's
/// root, with <c>/</c> between segments, as blob names are.
/// </summary>
public interface IExportFiles
{
    /// <summary>Every file's path under the root, in no particular order.</summary>
    IAsyncEnumerable<string> ListAsync(CancellationToken ct);

    /// <summary>Opens a listed file for reading (forward only is enough).</summary>
    Task<Stream> OpenReadAsync(string path, CancellationToken ct);
}
