using System.Globalization;

namespace CostSense.Core.Assistant.Tools;

/// <summary>Parses and checks the flat string arguments a small model sends: ISO dates, named choices, bounded counts.</summary>
public static class ToolArguments
{
    public static DateOnly? Date(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        throw new ToolArgumentException($"{name} must be a date as YYYY-MM-DD (was '{value}').");
    }

    /// <summary>Which of <paramref name="choices"/> was meant, ignoring case, spaces, dashes and underscores ("Resource Group" = "resource_group").</summary>
    public static string? Choice(string? value, string name, params string[] choices)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var key = Normalize(value);
        return choices.FirstOrDefault(c => Normalize(c) == key)
            ?? throw new ToolArgumentException($"{name} must be one of {string.Join(", ", choices)} (was '{value}').");
    }

    public static int Top(int? value, int fallback, int max) => value is null or <= 0 ? fallback : Math.Min(value.Value, max);

    /// <summary>The stored spelling of a resource group the model named, or an error that lists the close ones.</summary>
    public static string? ResourceGroup(string? value, IReadOnlyList<string> known)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var name = value.Trim();
        if (known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) is { } exact) return exact;
        var close = known.Where(k => k.Contains(name, StringComparison.OrdinalIgnoreCase) || name.Contains(k, StringComparison.OrdinalIgnoreCase)).Take(8).ToList();
        if (close.Count == 1) return close[0];
        // "rg-production" for "rg-prod-web": offer the names that start the same way.
        var offer = close.Count > 0 ? close : known
            .Select(k => (Name: k, Common: k.Zip(name).TakeWhile(p => char.ToLowerInvariant(p.First) == char.ToLowerInvariant(p.Second)).Count()))
            .OrderByDescending(k => k.Common).ThenBy(k => k.Name, StringComparer.OrdinalIgnoreCase).Take(6).Select(k => k.Name).ToList();
        throw new ToolArgumentException($"There is no resource group '{name}'. Resource groups include: {string.Join(", ", offer)}.");
    }

    private static string Normalize(string s) =>
        new(s.Where(c => c is not (' ' or '-' or '_')).Select(char.ToLowerInvariant).ToArray());
}
