using System.Text.Json;
using Azure.Core;
using Azure.ResourceManager.Resources;
using CostSense.Core.Data.Entities;

namespace CostSense.Core.Sources.Azure.Inventory;

/// <summary>
/// Reads a subscription's storage accounts through generic resources (the Storage SDK is not served): the resources list
/// filtered to <c>Microsoft.Storage/storageAccounts</c> (every page) gives kind, SKU and tags; the access tier is a property
/// of the account the list leaves out, so each account is read once more with a storage api-version.
/// </summary>
internal sealed class AzureStorageReader(AzureConnection connection)
{
    public const string ResourceType = "Microsoft.Storage/storageAccounts";
    public const string StorageApiVersion = "2023-05-01";
    private const int ParallelReads = 4;

    public async Task<IReadOnlyList<StorageAccount>> ReadAsync(AzureSubscription subscription, CancellationToken ct)
    {
        var sub = connection.Arm.GetSubscriptionResource(SubscriptionResource.CreateResourceIdentifier(subscription.Id));
        var listed = new List<GenericResource>();
        await foreach (var r in sub.GetGenericResourcesAsync(filter: $"resourceType eq '{ResourceType}'", cancellationToken: ct))
            listed.Add(r);
        var tiers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        await Parallel.ForEachAsync(listed, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = ct }, async (r, c) =>
        {
            var tier = await AccessTierAsync(r.Id, c);
            lock (tiers) tiers[r.Id.ToString()] = tier;
        });
        return listed.Select(r =>
        {
            var data = r.Data;
            var resourceGroup = r.Id.ResourceGroupName ?? "";
            return new StorageAccount
            {
                ResourceId = r.Id.ToString().ToLowerInvariant(),
                Source = AzureSources.Inventory,
                Name = data.Name,
                SubscriptionId = subscription.Id,
                ResourceGroup = resourceGroup,
                Region = data.Location.Name.ToLowerInvariant(),
                Kind = data.Kind ?? "StorageV2",
                AccessTier = AccessTierOf(tiers.GetValueOrDefault(r.Id.ToString())),
                Replication = ReplicationOf(data.Sku?.Name),
                Purpose = AzureTags.Purpose(data.Tags),
                Environment = AzureTags.Environment(data.Tags, resourceGroup),
                Tags = AzureTags.Json(data.Tags),
            };
        }).ToList();
    }

    /// <summary>
    /// The SKU's redundancy: LRS, ZRS, GRS, RA-GRS as they are. GZRS and RA-GZRS (geo-zone-redundant) have no value of
    /// their own in the store and map to the nearest, GRS and RA-GRS: what matters for the replication rule is that a
    /// second copy lives in another region. An unknown SKU is taken for LRS.
    /// </summary>
    public static Replication ReplicationOf(string? sku)
    {
        var redundancy = sku?.Split('_').LastOrDefault()?.ToUpperInvariant();
        return redundancy switch
        {
            "ZRS" => Replication.ZRS,
            "GRS" or "GZRS" => Replication.GRS,
            "RAGRS" or "RAGZRS" => Replication.RAGRS,
            _ => Replication.LRS,
        };
    }

    /// <summary>Hot, Cool, Cold as the account says; Premium and file accounts have no access tier and are taken for Hot (their data is always hot).</summary>
    public static AccessTier AccessTierOf(string? tier) => tier?.ToLowerInvariant() switch
    {
        "cool" => AccessTier.Cool,
        "cold" => AccessTier.Cold,
        "archive" => AccessTier.Archive,
        _ => AccessTier.Hot,
    };

    private async Task<string?> AccessTierAsync(ResourceIdentifier id, CancellationToken ct)
    {
        using var account = await AzureConnection.SendAsync(connection.ResourceManager, RequestMethod.Get,
            connection.ResourceManagerUri($"{id}?api-version={StorageApiVersion}"), null, ct);
        return account is not null && account.RootElement.TryGetProperty("properties", out var p)
            && p.TryGetProperty("accessTier", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
    }
}
