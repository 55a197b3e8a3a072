using CostSense.Core.Data.Entities;

namespace CostSense.Core.Recommendations;

/// <summary>
/// What a rule proposes for one resource: the numbers, the reasons and the command. The engine turns drafts
/// into stored recommendations, keeping each one's identity (resource + action) and state across recomputations.
/// </summary>
/// <param name="Current">The current size or tier as shown in the grid ("Standard_D4s_v3", "Hot · RA-GRS").</param>
/// <param name="Target">The proposed size or tier ("Standard_D2s_v3", "Cool"), or what happens ("deallocated").</param>
/// <param name="Confidence">0–5 fit score: lowered for missing metrics, few days of data, risky targets.</param>
/// <param name="Rationale">The numbers behind it, in words ("P95 CPU 11.2% over 30 days; D4s_v3 → D2s_v3 keeps projected P95 at 22.4%").</param>
/// <param name="Command">The az CLI command that carries it out.</param>
public sealed record RecommendationDraft(
    string ResourceId,
    RecommendationKind Kind,
    RecommendationCategory Category,
    RecommendationAction Action,
    string Current,
    string Target,
    decimal CurrentMonthlyCost,
    decimal ProjectedMonthlyCost,
    double Confidence,
    double EffortHours,
    RiskLevel Risk,
    string Rationale,
    string Command)
{
    /// <summary>Negative for performance fixes (scale-up costs money).</summary>
    public decimal MonthlySavings => CurrentMonthlyCost - ProjectedMonthlyCost;

    public decimal AnnualSavings => MonthlySavings * 12m;
}
