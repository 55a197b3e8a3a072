using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Advisor;

namespace CostSense.Web.Components.Pages.Recommendations;

/// <summary>The filter bar's values; the grid turns them and its page and sort into a <see cref="RecommendationQuery"/>.</summary>
public sealed class RecommendationFilter
{
    public string? Search { get; set; }
    public RecommendationAction? Action { get; set; }
    public RecommendationStatus? Status { get; set; }
    public decimal? MinMonthlySavings { get; set; }
    public string? Tag { get; set; }
    public string? SubscriptionId { get; set; }
    public string? ResourceGroup { get; set; }
    /// <summary>Advisor's opinion (agrees, differs, Advisor only); null for any.</summary>
    public AdvisorFilter? Advisor { get; set; }

    public RecommendationQuery ToQuery(RecommendationKind kind, string? sortBy = null, bool descending = true, int skip = 0, int take = 50) =>
        new(kind, Trim(Search), Action: Action, Status: Status, MinMonthlySavings: MinMonthlySavings,
            SubscriptionId: Trim(SubscriptionId), ResourceGroup: Trim(ResourceGroup), Tag: Trim(Tag),
            SortBy: sortBy, SortDescending: descending, Skip: skip, Take: take, Advisor: Advisor);

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
