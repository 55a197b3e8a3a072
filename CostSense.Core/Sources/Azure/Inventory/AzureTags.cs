using System.Text.Json;

namespace CostSense.Core.Sources.Azure.Inventory;

/// <summary>
/// What a resource's Azure tags tell the inventory, read as the demo tenant and the imports write them: "workload",
/// "environment" (else what the resource group's name says) and "purpose"; the tags themselves stored as a JSON object,
/// keys in ordinal order, as the other sources store them.
/// </summary>
internal static class AzureTags
{
    public static string? Json(IDictionary<string, string>? tags) => tags is null || tags.Count == 0
        ? null
        : JsonSerializer.Serialize(new SortedDictionary<string, string>(tags, StringComparer.Ordinal));

    public static string? Workload(IDictionary<string, string>? tags) => Tag(tags, "workload");

    public static string? Purpose(IDictionary<string, string>? tags) => Tag(tags, "purpose");

    /// <summary>
    /// The "environment" (or "env") tag; without one, what the resource group's name says (prod, dev, test, qa, uat,
    /// staging, sandbox), as the cost-derived inventory reads it; otherwise unknown (null).
    /// </summary>
    public static string? Environment(IDictionary<string, string>? tags, string resourceGroup)
    {
        if ((Tag(tags, "environment") ?? Tag(tags, "env")) is { } tagged) return tagged;
        var words = resourceGroup.ToLowerInvariant().Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(w => w is "prod" or "prd" or "production")) return "prod";
        return words.FirstOrDefault(w => w is "dev" or "test" or "qa" or "uat" or "staging" or "stage" or "sandbox" or "nonprod");
    }

    /// <summary>A tag's value, its key's case ignored (Azure keeps tag keys as typed).</summary>
    private static string? Tag(IDictionary<string, string>? tags, string key) =>
        tags?.FirstOrDefault(t => t.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } v ? v.Trim() : null;
}
