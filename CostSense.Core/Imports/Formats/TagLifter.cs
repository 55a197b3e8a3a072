using System.Text.Json;

namespace CostSense.Core.Imports.Formats;

/// <summary>
/// Keeps a row's tags as JSON text and lifts the two the dashboard breaks down by, under the keys the demo tenant
/// writes (<c>environment</c>, <c>cost-center</c>, see DemoTenant.GroupTags) and their common spellings
/// (<c>env</c>, <c>Environment</c>, <c>CostCenter</c>, <c>cost_center</c>), matched case-insensitively with
/// <c>-</c>, <c>_</c> and spaces ignored. EA's tag form without outer braces (<c>"a": "1","b": "2"</c>) is wrapped
/// into an object. Tags that are not JSON are kept as written and lift nothing: they do not refuse the file.
/// </summary>
internal static class TagLifter
{
    public static (string? Json, string? Environment, string? CostCenter) Lift(string? raw)
    {
        var text = CellParser.Text(raw)?.Trim();
        if (string.IsNullOrEmpty(text) || text == "{}") return (text, null, null);
        if (!text.StartsWith('{')) text = "{" + text + "}";
        string? environment = null, costCenter = null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (raw, null, null);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String) continue;
                var value = property.Value.GetString();
                if (string.IsNullOrWhiteSpace(value)) continue;
                switch (Key(property.Name))
                {
                    case "environment" or "env": environment ??= value; break;
                    case "costcenter": costCenter ??= value; break;
                }
            }
        }
        catch (JsonException)
        {
            return (raw, null, null);
        }
        return (text, environment, costCenter);
    }

    private static string Key(string name) =>
        string.Concat(name.Where(c => c is not ('-' or '_' or ' '))).ToLowerInvariant();
}
