namespace CostSense.Core.Recommendations.Advisor;

/// <summary>The grids' Advisor filter; null in <see cref="RecommendationQuery.Advisor"/> means any.</summary>
public enum AdvisorFilter
{
    /// <summary>CostSense's recommendations Advisor agrees with.</summary>
    Agrees,
    /// <summary>CostSense's recommendations on resources where Advisor recommends another action or target.</summary>
    Differs,
    /// <summary>Advisor's cost recommendations on resources CostSense has no active recommendation for.</summary>
    AdvisorOnly,
}
