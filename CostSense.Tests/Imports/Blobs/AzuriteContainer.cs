using Azure.Storage.Blobs;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Imports.Blobs;

/// <summary>A fresh container on Azurite (COSTSENSE_TEST_AZURITE), deleted after the test.</summary>
internal sealed class AzuriteContainer : IAsyncDisposable
{
    private AzuriteContainer(string connectionString, BlobContainerClient client)
    {
        ConnectionString = connectionString;
        Client = client;
    }

    public string ConnectionString { get; }
    public BlobContainerClient Client { get; }
    public string Name => Client.Name;

    public static async Task<AzuriteContainer> CreateAsync(CancellationToken ct)
    {
        var connectionString = TestServers.RequireAzurite();
        var client = new BlobContainerClient(connectionString, "exports-" + Guid.NewGuid().ToString("N"));
        await client.CreateAsync(cancellationToken: ct);
        return new AzuriteContainer(connectionString, client);
    }

    public async Task UploadAsync(IReadOnlyDictionary<string, byte[]> files, CancellationToken ct)
    {
        foreach (var (path, bytes) in files)
            await Client.GetBlobClient(path).UploadAsync(new BinaryData(bytes), ct);
    }

    public async ValueTask DisposeAsync() => await Client.DeleteIfExistsAsync();
}
