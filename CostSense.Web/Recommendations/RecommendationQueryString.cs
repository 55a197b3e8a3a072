using System.Globalization;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Advisor;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace CostSense.Web.Recommendations;

/// <summary>
/// One spelling of a grid's filter in a URL, shared by the page (which builds the export link) and the export
/// endpoint (which reads it back), so the CSV holds exactly the rows the page shows.
/// </summary>
public static class RecommendationQueryString
{
    public static string Build(RecommendationQuery q)
    {
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("kind", q.Kind.ToString()),
            new("search", Blank(q.Search)),
            new("category", q.Category?.ToString()),
            new("action", q.Action?.ToString()),
            new("status", q.Status?.ToString()),
            new("minSavings", q.MinMonthlySavings?.ToString(CultureInfo.InvariantCulture)),
            new("subscription", Blank(q.SubscriptionId)),
            new("resourceGroup", Blank(q.ResourceGroup)),
            new("tag", Blank(q.Tag)),
            new("sort", Blank(q.SortBy)),
            new("desc", q.SortDescending ? null : "false"),
            new("advisor", q.Advisor?.ToString()),
        };
        return QueryHelpers.AddQueryString("", pairs.Where(p => p.Value is not null));
    }

    /// <summary>The query the string describes (all rows: no paging), or null with the reason when a value is not understood.</summary>
    public static RecommendationQuery? TryParse(IReadOnlyDictionary<string, StringValues> values, out string? error)
    {
        error = null;
        string? Get(string key) => values.TryGetValue(key, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString().Trim() : null;

        if (!TryEnum<RecommendationKind>(Get("kind"), out var kind) || kind is null) { error = "kind must be Compute or Storage."; return null; }
        if (!TryEnum<RecommendationCategory>(Get("category"), out var category)) { error = "category is not a known category."; return null; }
        if (!TryEnum<RecommendationAction>(Get("action"), out var action)) { error = "action is not a known action."; return null; }
        if (!TryEnum<RecommendationStatus>(Get("status"), out var status)) { error = "status is not a known status."; return null; }
        if (!TryEnum<AdvisorFilter>(Get("advisor"), out var advisor)) { error = "advisor must be Agrees, Differs or AdvisorOnly."; return null; }
        decimal? min = null;
        if (Get("minSavings") is { } m)
        {
            if (!decimal.TryParse(m, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)) { error = "minSavings must be a number."; return null; }
            min = parsed;
        }
        var sort = Get("sort");
        if (sort is not null && typeof(Recommendation).GetProperty(sort) is null) { error = "sort must name a column."; return null; }

        return new RecommendationQuery(kind.Value, Get("search"), category, action, status, min,
            Get("subscription"), Get("resourceGroup"), Get("tag"), sort,
            SortDescending: !string.Equals(Get("desc"), "false", StringComparison.OrdinalIgnoreCase),
            Skip: 0, Take: int.MaxValue, Advisor: advisor);
    }

    private static bool TryEnum<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (text is null) return true;
        // Names only: Enum.TryParse would also take "7" and invent a member.
        if (!Enum.GetNames<T>().Contains(text, StringComparer.OrdinalIgnoreCase)) return false;
        value = Enum.Parse<T>(text, ignoreCase: true);
        return true;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
