using CostSense.Core.Data.Entities;
using static System.FormattableString;

namespace CostSense.Core.Recommendations.Compute;

/// <summary>
/// Stopped from inside the guest but not deallocated: Azure still bills every hour of compute. Deallocating saves it all.
/// </summary>
public sealed class StoppedVmRule : IVmRule
{
    public IEnumerable<RecommendationDraft> Evaluate(VmUsage usage, RecommendationOptions options)
    {
        var vm = usage.Vm;
        if (vm.PowerState != PowerState.Stopped) yield break;
        var current = VmSignals.Cents(usage.MonthlyComputeCost);
        if (current < options.MinimumMonthlySavings) yield break;

        // The power state is a fact, not an estimate from metrics: full confidence.
        yield return new RecommendationDraft(vm.ResourceId, RecommendationKind.Compute, RecommendationCategory.Shutdown,
            RecommendationAction.Deallocate, vm.Size, "deallocated", current, 0m,
            Confidence: 5, EffortHours: 0.25, RiskLevel.Low,
            Invariant($"Stopped since {vm.PowerStateSince:yyyy-MM-dd} but not deallocated, so its compute is still billed: ${current:0.00}/month ")
            + Invariant($"over the last {usage.LookbackDays} days. Deallocating stops that; a dynamic public IP is released and the temporary disk is cleared."),
            VmCommands.Deallocate(vm));
    }
}
