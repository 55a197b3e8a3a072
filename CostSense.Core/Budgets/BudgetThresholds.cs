using System.Globalization;

namespace CostSense.Core.Budgets;

/// <summary>Threshold lists as a budget stores them ("50,80,100"): whole percentages of the amount, 1–1000, ascending, no repeats.</summary>
public static class BudgetThresholds
{
    public const string DefaultActual = "50,80,100";
    public const string DefaultForecast = "100";
    public const int Min = 1;
    public const int Max = 1000;
    /// <summary>The stored column holds 100 characters: ten thresholds of four digits fit with their commas.</summary>
    public const int MaxCount = 10;

    /// <summary>Parses what an analyst typed ("80, 50,100" or "80 100"); an empty list is allowed (no alert on that basis).</summary>
    /// <exception cref="BudgetException">A value is not a whole number in 1–1000, or there are too many (the message names <paramref name="field"/>).</exception>
    public static IReadOnlyList<int> Parse(string? text, string field)
    {
        var parts = (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new SortedSet<int>();
        foreach (var part in parts)
        {
            var p = part.TrimEnd('%');
            if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < Min || v > Max)
                throw new BudgetException($"{field}: \"{Shorten(part)}\" is not a whole percentage from {Min} to {Max}.");
            values.Add(v);
        }
        if (values.Count > MaxCount) throw new BudgetException($"{field}: at most {MaxCount} thresholds; {values.Count} were given.");
        return values.ToList();
    }

    /// <summary>The stored form of a parsed list ("50,80,100").</summary>
    public static string Format(IEnumerable<int> values) => string.Join(',', values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Reads a stored list; anything unreadable in it is skipped (it was validated when saved).</summary>
    public static IReadOnlyList<int> Read(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .Where(v => v is >= Min and <= Max).Distinct().Order().ToList();

    private static string Shorten(string s) => s.Length > 20 ? s[..20] + "…" : s;
}
