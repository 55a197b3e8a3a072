using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;

namespace CostSense.Core.Assistant.Tools;

/// <summary>Open recommendations as the grids show them, cut to a few rows and their totals, for the optimizers' tools.</summary>
public sealed class RecommendationRows(IRecommendationService recommendations, CostInsights insights)
{
    private const string Currency = RecommendationService.Currency;

    public async Task<string> ListAsync(RecommendationKind kind, RecommendationCategory? category, string? resourceGroup, int top, CancellationToken ct)
    {
        var group = string.IsNullOrWhiteSpace(resourceGroup) ? null : ToolArguments.ResourceGroup(resourceGroup, await insights.ResourceGroupsAsync(ct));
        var page = await recommendations.QueryAsync(new RecommendationQuery(kind, Category: category, Status: RecommendationStatus.Open,
            ResourceGroup: group, SortBy: nameof(Recommendation.MonthlySavings), SortDescending: true, Take: top), ct);
        return ToolJson.Serialize(new
        {
            resourceGroup = group, category = category?.ToString(),
            openRecommendations = page.TotalCount,
            totalMonthlySavings = ToolJson.Money(page.TotalMonthlySavings, Currency),
            top = page.Items.Select(r => new
            {
                resource = r.ResourceName, resourceGroup = r.ResourceGroup, action = r.Action.ToString(),
                current = r.Current, target = r.Target,
                monthlySavings = ToolJson.Money(r.MonthlySavings, Currency),
                confidence = $"{r.Confidence:0%}", risk = r.Risk.ToString().ToLowerInvariant(),
                cpuP95 = r.CpuP95 is { } cpu ? $"{cpu:0.#}%" : null,
                why = r.Rationale,
            }),
        });
    }

    /// <summary>Open savings of one kind by category, as the savings page counts them.</summary>
    public async Task<string> SavingsAsync(RecommendationKind kind, CancellationToken ct)
    {
        var summary = await recommendations.SummaryAsync(ct);
        var categories = summary.ByCategory.Where(c => KindOf(c.Category) == kind).ToList();
        return ToolJson.Serialize(new
        {
            openMonthlySavings = ToolJson.Money(categories.Sum(c => c.MonthlySavings), Currency),
            openAnnualSavings = ToolJson.Money(categories.Sum(c => c.AnnualSavings), Currency),
            byCategory = categories.Select(c => new
            {
                category = c.Category.ToString(), count = c.Count,
                monthlySavings = ToolJson.Money(c.MonthlySavings, Currency), annualSavings = ToolJson.Money(c.AnnualSavings, Currency),
            }),
        });
    }

    public static RecommendationKind KindOf(RecommendationCategory category) => category switch
    {
        RecommendationCategory.AccessTier or RecommendationCategory.Lifecycle or RecommendationCategory.Replication => RecommendationKind.Storage,
        _ => RecommendationKind.Compute,
    };
}
