using System.Runtime.CompilerServices;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CostSense.Core.Imports.Manifests;

namespace CostSense.Core.Imports.Blobs;

/// <summary>
/// <see cref="IExportFiles"/> over the storage container Azure Cost Management exports to. Listing is by prefix
/// (the optional folder, which the listed paths are relative to, as a copied folder's are); opening downloads the blob
/// as one forward-only stream, so the container opener reads and bounds it (gzip) as it arrives and nothing is
/// buffered whole. Failures a user can fix (account unreachable, access refused, container or blob missing) come as
/// <see cref="ExportContainerException"/> naming the account and container (see <see cref="BlobErrors"/>).
/// </summary>
public sealed class BlobExportFiles : IExportFiles
{
    private readonly BlobContainerClient _container;
    private readonly string _prefix;

    /// <summary>Reads <paramref name="container"/>, under <paramref name="folder"/> when one is given.</summary>
    public BlobExportFiles(BlobContainerClient container, string? folder = null)
    {
        _container = container;
        var trimmed = (folder ?? "").Replace('\\', '/').Trim('/');
        _prefix = trimmed.Length == 0 ? "" : trimmed + "/";
    }

    /// <summary>The container from validated options (see <see cref="BlobContainerFactory"/>).</summary>
    public BlobExportFiles(ExportContainerOptions options) : this(BlobContainerFactory.Create(options), options.Folder)
    {
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var pages = _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, _prefix.Length == 0 ? null : _prefix, ct);
        await using var items = pages.GetAsyncEnumerator(ct);
        while (true)
        {
            bool more;
            try
            {
                more = await items.MoveNextAsync();
            }
            catch (Exception e) when (BlobErrors.IsStorageFailure(e))
            {
                throw BlobErrors.Describe(_container, e, "list the export runs");
            }
            if (!more) yield break;
            yield return items.Current.Name[_prefix.Length..];
        }
    }

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(string path, CancellationToken ct)
    {
        var name = _prefix + path;
        try
        {
            var download = await _container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: ct);
            return download.Value.Content;
        }
        catch (Exception e) when (BlobErrors.IsStorageFailure(e))
        {
            throw BlobErrors.Describe(_container, e, $"read {name}");
        }
    }
}
