using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CostSense.Tests.Azure.Fake;

/// <summary>
/// Resource Manager's generic resources from the <see cref="FakeTenant"/>: the subscription's resources list (paged with
/// nextLink, <c>$filter=resourceType eq '…'</c> honoured) with kind, SKU and tags but no properties, as Azure lists them;
/// and a storage account read by its id with a storage api-version, with its properties (access tier).
/// </summary>
public static class FakeResources
{
    public static void Map(IEndpointRouteBuilder app, FakeTenant tenant, int pageSize = 2)
    {
        app.MapGet("/subscriptions/{sub}/resources", (HttpContext context, string sub) =>
        {
            var filter = context.Request.Query["$filter"].ToString();
            var items = tenant.StorageAccounts.Where(a => a.SubscriptionId.Equals(sub, StringComparison.OrdinalIgnoreCase)).Select(Listed)
                .Concat(tenant.Vms.Where(v => v.SubscriptionId.Equals(sub, StringComparison.OrdinalIgnoreCase)).Select(v => new Dictionary<string, object?>
                {
                    ["id"] = v.Id, ["name"] = v.Name, ["type"] = "Microsoft.Compute/virtualMachines", ["location"] = v.Region,
                    ["tags"] = v.Tags ?? new Dictionary<string, string>(),
                }))
                .Where(r => filter.Length == 0 || filter.Equals($"resourceType eq '{r["type"]}'", StringComparison.OrdinalIgnoreCase))
                .ToList();
            return FakeAzureServer.Page(context, items, pageSize);
        });
        app.MapGet("/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Storage/storageAccounts/{name}", (HttpContext context, string sub, string name) =>
        {
            var account = tenant.StorageAccounts.FirstOrDefault(a => a.SubscriptionId.Equals(sub, StringComparison.OrdinalIgnoreCase)
                && a.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (string.IsNullOrEmpty(context.Request.Query["api-version"]))
                return FakeAzureServer.Error(context, 400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
            return account is null
                ? FakeAzureServer.Error(context, 404, "ResourceNotFound", $"The Resource 'Microsoft.Storage/storageAccounts/{name}' was not found.")
                : FakeAzureServer.Json(context, Full(account));
        });
    }

    /// <summary>The generic resources list's item: no properties.</summary>
    private static Dictionary<string, object?> Listed(FakeStorageAccount a) => new()
    {
        ["id"] = a.Id, ["name"] = a.Name, ["type"] = "Microsoft.Storage/storageAccounts",
        ["sku"] = new { name = a.Sku, tier = a.Sku.StartsWith("Premium", StringComparison.Ordinal) ? "Premium" : "Standard" },
        ["kind"] = a.Kind, ["location"] = a.Region, ["tags"] = a.Tags ?? new Dictionary<string, string>(),
    };

    /// <summary>The storage account as Microsoft.Storage returns it (2023-05-01); premium block blob and file accounts have no access tier.</summary>
    private static Dictionary<string, object?> Full(FakeStorageAccount a)
    {
        var properties = new Dictionary<string, object?>
        {
            ["keyCreationTime"] = new { key1 = "2025-01-10T08:00:00.0000000Z", key2 = "2025-01-10T08:00:00.0000000Z" },
            ["privateEndpointConnections"] = Array.Empty<object>(),
            ["minimumTlsVersion"] = "TLS1_2",
            ["allowBlobPublicAccess"] = false,
            ["supportsHttpsTrafficOnly"] = true,
            ["encryption"] = new { requireInfrastructureEncryption = false, keySource = "Microsoft.Storage" },
            ["provisioningState"] = "Succeeded",
            ["creationTime"] = "2025-01-10T08:00:00.0000000Z",
            ["primaryEndpoints"] = new { blob = $"https://{a.Name}.blob.core.windows.net/", dfs = $"https://{a.Name}.dfs.core.windows.net/" },
            ["primaryLocation"] = a.Region,
            ["statusOfPrimary"] = "available",
        };
        if (a.Kind is not ("BlockBlobStorage" or "FileStorage")) properties["accessTier"] = a.AccessTier;
        return new Dictionary<string, object?>
        {
            ["sku"] = new { name = a.Sku, tier = a.Sku.StartsWith("Premium", StringComparison.Ordinal) ? "Premium" : "Standard" },
            ["kind"] = a.Kind,
            ["id"] = a.Id,
            ["name"] = a.Name,
            ["type"] = "Microsoft.Storage/storageAccounts",
            ["location"] = a.Region,
            ["tags"] = a.Tags ?? new Dictionary<string, string>(),
            ["properties"] = properties,
        };
    }
}
