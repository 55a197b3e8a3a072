namespace CostSense.Core.Imports.Formats;

/// <summary>Reads parts of an Azure resource id (<c>/subscriptions/…/resourceGroups/{name}/providers/…</c>).</summary>
internal static class ResourceIdParts
{
    /// <summary>The resource group named in <paramref name="resourceId"/>, or null when it names none.</summary>
    public static string? ResourceGroup(string? resourceId)
    {
        if (string.IsNullOrEmpty(resourceId)) return null;
        const string marker = "/resourceGroups/";
        var start = resourceId.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (start < 0) return null;
        start += marker.Length;
        var end = resourceId.IndexOf('/', start);
        var name = end < 0 ? resourceId[start..] : resourceId[start..end];
        return name.Length == 0 ? null : name;
    }

    /// <summary>The last segment of a resource id: the resource's own name.</summary>
    public static string? Name(string? resourceId)
    {
        if (string.IsNullOrEmpty(resourceId)) return null;
        var trimmed = resourceId.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }

    /// <summary>
    /// The resource type an id names (<c>Microsoft.Compute/virtualMachines</c>; a child resource's as
    /// <c>Microsoft.Storage/storageAccounts/blobServices</c>), or null when it names no provider.
    /// </summary>
    public static string? Type(string? resourceId)
    {
        if (string.IsNullOrEmpty(resourceId)) return null;
        const string marker = "/providers/";
        var start = resourceId.LastIndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (start < 0) return null;
        var segments = resourceId[(start + marker.Length)..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2) return null;
        // namespace, then type/name pairs: keep the types.
        return string.Join('/', segments.Where((_, i) => i == 0 || i % 2 == 1));
    }
}
