namespace CostSense.Core.Recommendations;

/// <summary>
/// A storage rule: zero or more drafts for one storage account. Pure and safe to call from several threads at once, as the
/// engine evaluates a fleet's accounts on every core.
/// </summary>
public interface IStorageRule
{
    IEnumerable<RecommendationDraft> Evaluate(StorageUsage usage, RecommendationOptions options);
}
