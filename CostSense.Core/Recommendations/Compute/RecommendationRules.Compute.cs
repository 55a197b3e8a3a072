using CostSense.Core.Catalog;
using CostSense.Core.Recommendations.Compute;

namespace CostSense.Core.Recommendations;

/// <summary>Every rule in one call, for the engine (and for DI: register the lists as singletons).</summary>
public static partial class RecommendationRules
{
    /// <summary>The compute rules. Commitments consult right-size and scale-up, so a reservation is for the size the VM will have.</summary>
    public static IReadOnlyList<IVmRule> Compute(VmSizeCatalog catalog, TimeProvider time)
    {
        var rightsize = new RightsizeRule(catalog);
        var scaleUp = new ScaleUpRule(catalog);
        return [new IdleVmRule(), new StoppedVmRule(), new LongDeallocatedVmRule(time), rightsize, scaleUp, new CommitmentRule(rightsize, scaleUp)];
    }
}
