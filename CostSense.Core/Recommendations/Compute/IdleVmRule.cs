using CostSense.Core.Data.Entities;

using static System.FormattableString;

namespace CostSense.Core.Recommendations.Compute;

/// <summary>
/// A running VM doing nothing: P95 CPU under <see cref="RecommendationOptions.IdleCpuP95Percent"/> and network under
/// <see cref="RecommendationOptions.IdleNetworkMiBPerDay"/> (both strictly). Deallocating saves all its compute cost.
/// </summary>
public sealed class IdleVmRule : IVmRule
{
    public IEnumerable<RecommendationDraft> Evaluate(VmUsage usage, RecommendationOptions options)
    {
        if (!VmSignals.IsIdle(usage, options)) yield break;
        var vm = usage.Vm;
        var current = VmSignals.Cents(usage.MonthlyComputeCost);
        if (current < options.MinimumMonthlySavings) yield break;

        yield return new RecommendationDraft(vm.ResourceId, RecommendationKind.Compute, RecommendationCategory.Shutdown,
            RecommendationAction.Deallocate, vm.Size, "deallocated", current, 0m,
            VmSignals.CoverageConfidence(usage), EffortHours: 0.5, usage.IsProduction ? RiskLevel.Medium : RiskLevel.Low,
            Invariant($"Idle: P95 CPU {usage.CpuP95:0.0}% (below {options.IdleCpuP95Percent:0.#}%) and network {usage.NetworkMiBPerDay:0.0} MiB/day ")
            + Invariant($"(below {options.IdleNetworkMiBPerDay:0.#}) over {usage.DaysWithMetrics} of {usage.LookbackDays} days. ")
            + Invariant($"Deallocating stops ${current:0.00}/month of compute; the disk (${usage.MonthlyDiskCost:0.00}/month) is kept and it can be started again."),
            VmCommands.Deallocate(vm));
    }
}
