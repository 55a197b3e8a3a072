namespace CostSense.Core.Recommendations;

/// <summary>A storage rule: zero or more drafts for one storage account.</summary>
public interface IStorageRule
{
    IEnumerable<RecommendationDraft> Evaluate(StorageUsage usage, RecommendationOptions options);
}
