using CostSense.Core.Data.Entities;

namespace CostSense.Core.Recommendations.Advisor;

/// <summary>A page of Advisor's cost recommendations on resources CostSense has no active recommendation for.</summary>
public sealed record AdvisorOnlyPage(IReadOnlyList<AdvisorRecommendation> Items, int TotalCount)
{
    public static readonly AdvisorOnlyPage Empty = new([], 0);
}
