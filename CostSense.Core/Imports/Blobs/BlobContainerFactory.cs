using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace CostSense.Core.Imports.Blobs;

/// <summary>
/// Builds the <see cref="BlobContainerClient"/> that <see cref="ExportContainerOptions"/> describe: from the
/// connection string, or from the account URL signed in with <c>DefaultAzureCredential</c> (or the credential given).
/// Retries are few and short, so an unreachable account is reported in seconds, not minutes.
/// </summary>
public static class BlobContainerFactory
{
    /// <summary>The client for the configured container; options are expected validated.</summary>
    public static BlobContainerClient Create(ExportContainerOptions options, TokenCredential? credential = null)
    {
        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(500);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
            return new BlobContainerClient(options.ConnectionString, options.Container, clientOptions);
        var account = new Uri(options.AccountUrl!.TrimEnd('/') + "/" + options.Container);
        return new BlobContainerClient(account, credential ?? new DefaultAzureCredential(), clientOptions);
    }
}
