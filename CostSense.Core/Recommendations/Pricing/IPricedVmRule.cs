namespace CostSense.Core.Recommendations.Pricing;

/// <summary>
/// A compute rule that prices sizes: the engine hands it the run's <see cref="VmPriceBook"/> (synced retail prices over the
/// catalogue). Its two-argument <see cref="IVmRule.Evaluate"/> stays for callers without a store and prices from the
/// catalogue alone.
/// </summary>
public interface IPricedVmRule : IVmRule
{
    IEnumerable<RecommendationDraft> Evaluate(VmUsage usage, RecommendationOptions options, VmPriceBook prices);
}
