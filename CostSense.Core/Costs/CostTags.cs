using System.Text.Json;

namespace CostSense.Core.Costs;

/// <summary>
/// Reads a cost row's tags (JSON text, as FOCUS and the importers keep them) into (key, value) pairs: keys lower case
/// and trimmed (Azure tag names are case-insensitive), values trimmed, empty values and non-string values skipped.
/// EA's form without outer braces is read too. Text that is not a JSON object yields nothing: the row's cost is then
/// untagged for every key, never dropped.
/// </summary>
public static class CostTags
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? json)
    {
        var text = json?.Trim();
        if (string.IsNullOrEmpty(text) || text == "{}") return [];
        if (!text.StartsWith('{')) text = "{" + text + "}";
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return [];
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String) continue;
                var key = NormalizeKey(p.Name);
                var value = p.Value.GetString()?.Trim();
                if (key.Length == 0 || string.IsNullOrEmpty(value)) continue;
                tags.TryAdd(key, value);
            }
            return tags.ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>A tag key as the rollup keeps it: trimmed, lower case.</summary>
    public static string NormalizeKey(string key) => key.Trim().ToLowerInvariant();
}
