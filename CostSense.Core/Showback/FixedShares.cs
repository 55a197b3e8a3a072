using System.Globalization;
using System.Text.Json;

namespace CostSense.Core.Showback;

/// <summary>
/// A fixed-percentage rule's shares: written by an analyst as lines "value = percent", kept in the store as a JSON
/// object (value → percent). Parsing says which line is wrong and why, so nothing an analyst typed is silently dropped.
/// </summary>
public static class FixedShares
{
    /// <summary>The shares in "value = percent" lines.</summary>
    /// <exception cref="AllocationRuleException">A line is not "value = percent", a percent is not above 0, or a value repeats.</exception>
    public static IReadOnlyList<KeyValuePair<string, decimal>> Parse(string? text)
    {
        var shares = new List<KeyValuePair<string, decimal>>();
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            // The last '=' separates: a tag value may hold '=', a percent never does.
            var eq = line.LastIndexOf('=');
            var value = eq < 0 ? "" : line[..eq].Trim();
            var percentText = eq < 0 ? "" : line[(eq + 1)..].Trim().TrimEnd('%').Trim();
            if (value.Length == 0 || !decimal.TryParse(percentText, NumberStyles.Number, CultureInfo.InvariantCulture, out var percent))
                throw new AllocationRuleException($"Fixed shares, line {i + 1} (\"{line}\"): write it as \"value = percent\", for example \"payments = 40\".");
            if (percent <= 0)
                throw new AllocationRuleException($"Fixed shares, line {i + 1}: the percent for \"{value}\" must be above 0.");
            if (shares.Any(s => string.Equals(s.Key, value, StringComparison.Ordinal)))
                throw new AllocationRuleException($"Fixed shares: \"{value}\" is given twice.");
            shares.Add(new(value, percent));
        }
        return shares;
    }

    public static string ToJson(IReadOnlyList<KeyValuePair<string, decimal>> shares) =>
        JsonSerializer.Serialize(shares.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal));

    /// <summary>The stored shares; none for null or unreadable text (such a rule then has no recipients and takes nothing).</summary>
    public static IReadOnlyList<KeyValuePair<string, decimal>> FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, decimal>>(json)?.ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The stored shares back as the lines the form shows.</summary>
    public static string ToText(string? json) =>
        string.Join('\n', FromJson(json).Select(s => $"{s.Key} = {s.Value.ToString(CultureInfo.InvariantCulture)}"));
}
