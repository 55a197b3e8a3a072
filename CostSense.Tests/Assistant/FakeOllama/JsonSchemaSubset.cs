using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CostSense.Tests.Assistant.FakeOllama;

/// <summary>
/// The part of JSON Schema that Ollama's schema-to-grammar conversion honours and OllamaSharp emits: <c>type</c> (one
/// or a list), <c>properties</c>, <c>required</c>, <c>additionalProperties</c>, <c>enum</c>, <c>const</c>,
/// <c>items</c>, <c>minItems</c>, <c>maxItems</c>. Annotations (<c>description</c>, <c>title</c>, <c>$schema</c>) and
/// any other keyword are ignored, as a test double should not be stricter than the server it stands for.
/// </summary>
public static class JsonSchemaSubset
{
    /// <summary>Every way <paramref name="instance"/> breaks <paramref name="schema"/>, each as
    /// "<c>$.path: reason</c>"; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(JsonNode? instance, JsonNode schema)
    {
        var errors = new List<string>();
        Check(instance, schema, "$", errors);
        return errors;
    }

    /// <summary>The least instance of <paramref name="schema"/>, deterministic: <c>const</c>, else the first
    /// <c>enum</c> value, else by the first listed type: an object of its required properties only (each minimal,
    /// in <c>properties</c> order), <c>minItems</c> minimal items, <c>""</c>, <c>0</c>, <c>false</c> or <c>null</c>.
    /// A schema without <c>type</c> is taken as an object.</summary>
    public static JsonNode? MinimalInstance(JsonNode schema)
    {
        if (schema is not JsonObject s) return null; // true (anything) and false (nothing) have no better answer.
        if (s.TryGetPropertyValue("const", out var constant)) return constant?.DeepClone();
        if (s["enum"] is JsonArray { Count: > 0 } values) return values[0]?.DeepClone();
        return Types(s).FirstOrDefault() switch
        {
            "string" => JsonValue.Create(""),
            "number" or "integer" => JsonValue.Create(0),
            "boolean" => JsonValue.Create(false),
            "null" => null,
            "array" => new JsonArray([.. Enumerable.Range(0, Count(s, "minItems") ?? 0).Select(_ => s["items"] is { } items ? MinimalInstance(items) : null)]),
            _ => MinimalObject(s),
        };
    }

    private static JsonObject MinimalObject(JsonObject schema)
    {
        var required = Required(schema);
        var properties = schema["properties"] as JsonObject;
        var names = (properties?.Select(p => p.Key) ?? []).Where(required.Contains).Concat(required.Where(r => properties?.ContainsKey(r) != true));
        var result = new JsonObject();
        foreach (var name in names)
            result[name] = properties?[name] is { } property ? MinimalInstance(property)
                : schema["additionalProperties"] is JsonObject additional ? MinimalInstance(additional) : null;
        return result;
    }

    private static void Check(JsonNode? instance, JsonNode schema, string path, List<string> errors)
    {
        if (schema is JsonValue boolean && boolean.TryGetValue<bool>(out var allowed))
        {
            if (!allowed) errors.Add($"{path}: the schema false allows nothing");
            return;
        }
        if (schema is not JsonObject s) return;
        var types = Types(s);
        if (types.Count > 0 && !types.Any(t => IsOfType(instance, t)))
        {
            errors.Add($"{path}: expected {string.Join(" or ", types)}, got {OllamaFormat.Describe(instance)}");
            return;
        }
        if (s.TryGetPropertyValue("const", out var constant) && !JsonNode.DeepEquals(instance, constant))
            errors.Add($"{path}: expected the constant {constant?.ToJsonString() ?? "null"}, got {OllamaFormat.Describe(instance)}");
        if (s["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(instance, v)))
            errors.Add($"{path}: {OllamaFormat.Describe(instance)} is not one of {values.ToJsonString()}");
        if (instance is JsonObject obj) CheckObject(obj, s, path, errors);
        if (instance is JsonArray array) CheckArray(array, s, path, errors);
    }

    private static void CheckObject(JsonObject instance, JsonObject schema, string path, List<string> errors)
    {
        var properties = schema["properties"] as JsonObject;
        foreach (var name in Required(schema).Where(r => !instance.ContainsKey(r)))
            errors.Add($"{path}: the required property \"{name}\" is missing");
        foreach (var (name, value) in instance)
        {
            var at = $"{path}.{name}";
            if (properties?[name] is { } property)
                Check(value, property, at, errors);
            else if (schema["additionalProperties"] is JsonValue extra && extra.TryGetValue<bool>(out var allowed) && !allowed)
                errors.Add($"{at}: the property is not allowed (additionalProperties is false)");
            else if (schema["additionalProperties"] is JsonObject additional)
                Check(value, additional, at, errors);
        }
    }

    private static void CheckArray(JsonArray instance, JsonObject schema, string path, List<string> errors)
    {
        if (Count(schema, "minItems") is { } min && instance.Count < min)
            errors.Add($"{path}: {instance.Count} items, fewer than minItems {min}");
        if (Count(schema, "maxItems") is { } max && instance.Count > max)
            errors.Add($"{path}: {instance.Count} items, more than maxItems {max}");
        if (schema["items"] is { } items)
            for (var i = 0; i < instance.Count; i++)
                Check(instance[i], items, $"{path}[{i}]", errors);
    }

    private static bool IsOfType(JsonNode? instance, string type) => (type, instance?.GetValueKind()) switch
    {
        ("null", null or JsonValueKind.Null) => true,
        ("object", JsonValueKind.Object) => true,
        ("array", JsonValueKind.Array) => true,
        ("string", JsonValueKind.String) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        ("number", JsonValueKind.Number) => true,
        ("integer", JsonValueKind.Number) => decimal.TryParse(instance!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d),
        _ => false,
    };

    /// <summary>The listed types, in order: <c>"type": "x"</c> or <c>"type": ["x", "y"]</c>; empty for any type.</summary>
    private static List<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray list => [.. list.Select(t => t?.GetValue<string>() ?? "null")],
        JsonValue one when one.TryGetValue<string>(out var name) => [name],
        _ => [],
    };

    private static List<string> Required(JsonObject schema) =>
        schema["required"] is JsonArray names ? [.. names.Select(n => n!.GetValue<string>())] : [];

    private static int? Count(JsonObject schema, string keyword) =>
        schema[keyword] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;
}
