namespace CostSense.Core.Recommendations;

/// <summary>
/// A compute rule: zero or more drafts for one VM. Pure: same usage and options, same drafts; and safe to call from several
/// threads at once, as the engine evaluates a fleet's VMs on every core.
/// </summary>
public interface IVmRule
{
    IEnumerable<RecommendationDraft> Evaluate(VmUsage usage, RecommendationOptions options);
}
