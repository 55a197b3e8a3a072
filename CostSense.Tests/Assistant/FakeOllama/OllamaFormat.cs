using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CostSense.Tests.Assistant.FakeOllama;

/// <summary>
/// The <c>format</c> of an <c>/api/chat</c> request, read as Ollama 0.12 reads it, so the fake can refuse what Ollama
/// refuses and never answer what a grammar-constrained model could not have produced.
/// </summary>
/// <remarks>
/// Ollama's rule (<c>llm/server.go</c>, <c>Completion</c>): the raw JSON of <c>format</c> is taken as it is;
/// absent, <c>null</c> or <c>""</c> mean no constraint; <c>"json"</c> means the JSON grammar (its root is an object);
/// a value starting with <c>{</c> is a JSON Schema turned into a grammar; anything else fails with
/// <c>fmt.Errorf("invalid format: %q; expected \"json\" or a valid JSON Schema object", req.Format)</c>, where
/// <c>req.Format</c> is the raw bytes, so <c>"xml"</c> is printed as <c>"\"xml\""</c> and <c>42</c> as <c>"42"</c>.
/// </remarks>
public sealed class OllamaFormat
{
    private OllamaFormat(JsonNode? schema) => Schema = schema;

    /// <summary>The JSON Schema, or null for <c>"json"</c> (any JSON object).</summary>
    public JsonNode? Schema { get; }

    /// <summary>Reads the raw JSON of a request's <c>format</c> (null when the field is absent). Returns false with
    /// Ollama's own message for a value it refuses; true with <paramref name="format"/> null for no constraint.</summary>
    public static bool TryParse(string? rawJson, out OllamaFormat? format, out string? error)
    {
        format = null;
        error = null;
        var raw = rawJson?.Trim() ?? "";
        if (raw is "" or "null" or "\"\"") return true;
        if (raw == "\"json\"")
        {
            format = new OllamaFormat(null);
            return true;
        }
        if (raw[0] != '{')
        {
            // rawJson, not raw: Go prints the bytes it was given, whitespace included.
            error = $"invalid format: {GoQuote(rawJson!)}; expected \"json\" or a valid JSON Schema object";
            return false;
        }
        format = new OllamaFormat(JsonNode.Parse(raw));
        return true;
    }

    /// <summary>Why <paramref name="content"/> (a whole reply's text) is not something this format allows, or null
    /// when it is.</summary>
    public string? Violation(string content)
    {
        JsonNode? instance;
        try
        {
            instance = JsonNode.Parse(content);
        }
        catch (JsonException ex)
        {
            return $"the content is not JSON ({ex.Message}): {Shorten(content)}";
        }
        if (Schema is null)
            return instance is JsonObject ? null : $"\"json\" asks for a JSON object, the content is {Describe(instance)}";
        return JsonSchemaSubset.Validate(instance, Schema).FirstOrDefault();
    }

    /// <summary>What a model under this format answers at the least: <c>{}</c> for <c>"json"</c>, otherwise
    /// <see cref="JsonSchemaSubset.MinimalInstance"/>.</summary>
    public JsonNode? MinimalInstance() => Schema is null ? new JsonObject() : JsonSchemaSubset.MinimalInstance(Schema);

    /// <summary>Go's <c>%q</c> of a string: double quotes, with <c>"</c> and <c>\</c> escaped and control characters
    /// as Go escapes them (<c>strconv.Quote</c>); printable non-ASCII text is kept.</summary>
    internal static string GoQuote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            quoted.Append(rune.Value switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\a' => "\\a",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\v' => "\\v",
                < 0x20 or 0x7f => $"\\x{rune.Value:x2}",
                _ when Rune.IsControl(rune) => rune.Value > 0xffff ? $"\\U{rune.Value:x8}" : $"\\u{rune.Value:x4}",
                _ => rune.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }

    internal static string Describe(JsonNode? node) => node is null ? "null" : $"{node.GetValueKind().ToString().ToLowerInvariant()} {Shorten(node.ToJsonString())}";

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
