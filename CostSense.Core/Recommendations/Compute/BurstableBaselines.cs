namespace CostSense.Core.Recommendations.Compute;

/// <summary>
/// Base CPU performance of the Bv1 burstable sizes, as a percentage of the whole VM (all its vCPUs), from Microsoft's
/// "Bv1 sizes series" page, CPU Burst tab: https://learn.microsoft.com/azure/virtual-machines/sizes/general-purpose/bv1-series
/// (B2s: 20% of 2 vCPUs = the older page's "40%" of one vCPU). A VM whose average CPU stays below the baseline banks
/// credits and can burst; above it, it drains them and is throttled back to the baseline.
/// </summary>
internal static class BurstableBaselines
{
    public static double? Percent(string size) => VmSignals.Short(size).ToUpperInvariant() switch
    {
        "B1LS" => 5,
        "B1S" => 10,
        "B1MS" => 20,
        "B2S" => 20,
        "B2MS" => 30,
        "B4MS" => 22.5,
        "B8MS" or "B12MS" or "B16MS" or "B20MS" => 17,
        _ => null,
    };
}
