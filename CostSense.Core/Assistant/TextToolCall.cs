using System.Text.Json;
using System.Text.RegularExpressions;

namespace CostSense.Core.Assistant;

/// <summary>
/// llama3.2 sometimes writes its tool call as text instead of a real tool call: a JSON object, often fenced
/// (```json … ```), sometimes after <c>&lt;|python_tag|&gt;</c>, with the arguments under "parameters" or "arguments"
/// (an object, or a string holding one). This reads such text back into a call.
/// </summary>
public static partial class TextToolCall
{
    /// <summary>Whether the start of a turn may be a tool call written as text, so it must be held back until the turn ends.</summary>
    public static bool MayBeToolCall(string start)
    {
        var t = start.TrimStart();
        return t.StartsWith('{') || t.StartsWith("```", StringComparison.Ordinal) || t.StartsWith("<|", StringComparison.Ordinal) || t.StartsWith('[')
               || (t.Length < 3 && ("```".StartsWith(t, StringComparison.Ordinal) || "<|".StartsWith(t, StringComparison.Ordinal)));
    }

    /// <summary>Whether enough of the turn has arrived to tell (a non-blank character).</summary>
    public static bool CanDecide(string start)
    {
        var t = start.TrimStart();
        return t.Length >= 3 || (t.Length > 0 && t[0] is not ('`' or '<'));
    }

    public static bool TryParse(string text, out string name, out Dictionary<string, object?> arguments)
    {
        name = "";
        arguments = [];
        var body = Fence().Match(text) is { Success: true } m ? m.Groups["body"].Value : text;
        body = body.Replace("<|python_tag|>", "", StringComparison.Ordinal).Trim();
        if (body.Length < 2 || body[0] is not ('{' or '[')) return false;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var call = doc.RootElement;
            if (call.ValueKind == JsonValueKind.Array)
            {
                if (call.GetArrayLength() != 1) return false;
                call = call[0];
            }
            if (call.ValueKind != JsonValueKind.Object) return false;
            if (call.TryGetProperty("function", out var fn) && fn.ValueKind == JsonValueKind.Object) call = fn;
            var nameElement = call.TryGetProperty("name", out var n) ? n : call.TryGetProperty("function", out var f) ? f : default;
            if (nameElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(nameElement.GetString())) return false;
            name = nameElement.GetString()!.Trim();
            var args = call.TryGetProperty("parameters", out var p) ? p : call.TryGetProperty("arguments", out var a) ? a : default;
            if (args.ValueKind == JsonValueKind.String)
            {
                using var inner = JsonDocument.Parse(args.GetString()!);
                arguments = ToDictionary(inner.RootElement);
            }
            else if (args.ValueKind == JsonValueKind.Object)
                arguments = ToDictionary(args);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Dictionary<string, object?> ToDictionary(JsonElement obj)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (obj.ValueKind != JsonValueKind.Object) return result;
        foreach (var p in obj.EnumerateObject())
            result[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Number => p.Value.TryGetInt64(out var l) ? (object)l : p.Value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null => null,
                _ => p.Value.GetRawText(),
            };
        return result;
    }

    [GeneratedRegex(@"^\s*```[a-zA-Z]*\s*(?<body>.*?)\s*```\s*$", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
