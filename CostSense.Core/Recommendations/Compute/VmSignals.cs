using CostSense.Core.Data.Entities;

namespace CostSense.Core.Recommendations.Compute;

/// <summary>What several compute rules read the same way, so they never disagree about a VM.</summary>
internal static class VmSignals
{
    /// <summary>Running, with P95 CPU and network both under the idle thresholds. No metrics: not idle (we cannot tell).</summary>
    public static bool IsIdle(VmUsage u, RecommendationOptions o) =>
        u.Vm.PowerState == PowerState.Running
        && u.CpuP95 is { } cpu && cpu < o.IdleCpuP95Percent
        && u.NetworkMiBPerDay is { } net && net < o.IdleNetworkMiBPerDay;

    /// <summary>P95 CPU or P95 memory above the hot threshold: the scale-up rule's VM, not the right-size rule's.</summary>
    public static bool IsHot(VmUsage u, RecommendationOptions o) =>
        u.CpuP95 > o.HotPercent || u.MemoryP95 > o.HotPercent;

    public static bool HasMetrics(VmUsage u) => u.DaysWithMetrics > 0 && u.CpuP95 is not null;

    /// <summary>Fewer than 70% of the window's days with metrics.</summary>
    public static bool IsThin(VmUsage u) => u.DaysWithMetrics < 0.7 * u.LookbackDays;

    /// <summary>5, less 1 for thin coverage, less 2 without metrics: how far the window's numbers can be trusted.</summary>
    public static double CoverageConfidence(VmUsage u) =>
        Math.Clamp(5.0 - (HasMetrics(u) ? (IsThin(u) ? 1 : 0) : 2), 0, 5);

    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>"Standard_D4s_v3" → "D4s_v3", as people say it.</summary>
    public static string Short(string size) => size.StartsWith("Standard_", StringComparison.OrdinalIgnoreCase) ? size["Standard_".Length..] : size;
}
