using System.Text.Json;
using Azure.Core;
using Azure.ResourceManager.Resources;

namespace CostSense.Core.Sources.Azure;

/// <summary>
/// The subscriptions a sync reads: the configured ids, and the subscriptions under the configured management group
/// (listed at each sync, so a new subscription joins without a restart). Each must be visible to the identity.
/// </summary>
public sealed class AzureScope(AzureConnection connection)
{
    private const string ManagementGroupsApi = "2020-05-01";

    /// <summary>The configured scope in words ("management group contoso-root and 2 subscriptions").</summary>
    public string Describe()
    {
        var o = connection.Options;
        var parts = new List<string>();
        if (o.ManagementGroupId is { Length: > 0 } mg) parts.Add($"management group {mg}");
        if (o.SubscriptionIdList.Count > 0) parts.Add(o.SubscriptionIdList.Count == 1 ? $"subscription {o.SubscriptionIdList[0]}" : $"{o.SubscriptionIdList.Count} subscriptions");
        return parts.Count == 0 ? "no scope" : string.Join(" and ", parts);
    }

    /// <summary>The subscriptions in scope with their names, ordered by name.</summary>
    /// <exception cref="AzureScopeException">A configured subscription is not visible to the identity.</exception>
    public async Task<IReadOnlyList<AzureSubscription>> ResolveAsync(CancellationToken ct)
    {
        var o = connection.Options;
        var visible = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var s in connection.Arm.GetSubscriptions().GetAllAsync(ct))
            visible[s.Data.SubscriptionId] = s.Data.DisplayName ?? s.Data.SubscriptionId;

        var wanted = new List<string>(o.SubscriptionIdList);
        if (o.ManagementGroupId is { Length: > 0 } mg) wanted.AddRange(await ManagementGroupSubscriptionsAsync(mg, ct));
        var missing = wanted.Where(id => !visible.ContainsKey(id)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (missing.Count > 0)
            throw new AzureScopeException(
                $"The identity cannot see subscription{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}: give it the Reader role there (or check the id in CostSense:Azure:SubscriptionIds).");
        return wanted.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(id => new AzureSubscription(id.ToLowerInvariant(), visible[id]))
            .OrderBy(s => s.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every subscription under the management group, its child groups included (the descendants API, paged).</summary>
    private async Task<IReadOnlyList<string>> ManagementGroupSubscriptionsAsync(string managementGroup, CancellationToken ct)
    {
        var ids = new List<string>();
        Uri? next = connection.ResourceManagerUri(
            $"/providers/Microsoft.Management/managementGroups/{Uri.EscapeDataString(managementGroup)}/descendants?api-version={ManagementGroupsApi}");
        while (next is not null)
        {
            using var page = await AzureConnection.SendAsync(connection.ResourceManager, RequestMethod.Get, next, null, ct);
            if (page is null) break;
            foreach (var item in page.RootElement.GetProperty("value").EnumerateArray())
                if (item.TryGetProperty("type", out var type) && type.GetString() is { } t
                    && t.Equals("Microsoft.Management/managementGroups/subscriptions", StringComparison.OrdinalIgnoreCase)
                    && item.TryGetProperty("name", out var name) && name.GetString() is { } id)
                    ids.Add(id.ToLowerInvariant());
            next = page.RootElement.TryGetProperty("nextLink", out var link) && link.ValueKind == JsonValueKind.String ? new Uri(link.GetString()!) : null;
        }
        return ids;
    }
}

/// <summary>The configured scope cannot be read as a whole: no step runs.</summary>
public sealed class AzureScopeException(string message) : Exception(message);
