using CostSense.Core.Recommendations.Storage;

namespace CostSense.Core.Recommendations;

public static partial class RecommendationRules
{
    /// <summary>
    /// The storage rules. Lifecycle and replication consult the access-tier rule, so the same gigabytes are not saved on twice.
    /// </summary>
    public static IReadOnlyList<IStorageRule> Storage(TimeProvider time)
    {
        var tier = new AccessTierRule(time);
        return [tier, new LifecycleRule(tier), new ReplicationRule(tier)];
    }
}
