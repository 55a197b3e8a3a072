namespace CostSense.Core.Recommendations;

/// <summary>A compute rule: zero or more drafts for one VM. Pure: same usage and options, same drafts.</summary>
public interface IVmRule
{
    IEnumerable<RecommendationDraft> Evaluate(VmUsage usage, RecommendationOptions options);
}
