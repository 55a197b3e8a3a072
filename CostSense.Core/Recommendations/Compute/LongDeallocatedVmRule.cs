using CostSense.Core.Data.Entities;
using static System.FormattableString;

namespace CostSense.Core.Recommendations.Compute;

/// <summary>
/// Deallocated for more than <see cref="RecommendationOptions.DeleteAfterDeallocatedDays"/> (strictly): nobody seems to need
/// it, yet its disk is still billed. Snapshot, then delete VM and disk.
/// </summary>
/// <remarks>
/// "Days deallocated" needs an as-of date that <see cref="VmUsage"/> does not carry. Rather than widen the contract, the rule
/// takes a <see cref="TimeProvider"/> and counts to today's UTC date. The engine's window ends at the latest data date,
/// which is today for the demo tenant and a synced store; an import that stops earlier counts a few days more here,
/// which can only surface a recommendation sooner, never hide one.
/// </remarks>
public sealed class LongDeallocatedVmRule(TimeProvider time) : IVmRule
{
    public IEnumerable<RecommendationDraft> Evaluate(VmUsage usage, RecommendationOptions options)
    {
        var vm = usage.Vm;
        if (vm.PowerState != PowerState.Deallocated) yield break;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var days = today.DayNumber - vm.PowerStateSince.DayNumber;
        if (days <= options.DeleteAfterDeallocatedDays) yield break;
        var current = VmSignals.Cents(usage.MonthlyDiskCost);
        if (current < options.MinimumMonthlySavings) yield break;

        // The state is a fact; whether someone still wants the VM is not in the data, hence 4 and High risk.
        yield return new RecommendationDraft(vm.ResourceId, RecommendationKind.Compute, RecommendationCategory.Shutdown,
            RecommendationAction.Delete, $"{vm.Size} (deallocated)", "deleted (disk snapshot kept)", current, 0m,
            Confidence: 4, EffortHours: 1, RiskLevel.High,
            Invariant($"Deallocated for {days} days (since {vm.PowerStateSince:yyyy-MM-dd}; threshold {options.DeleteAfterDeallocatedDays}), ")
            + Invariant($"yet its {vm.DiskSku ?? "managed"} disk ({vm.DiskSizeGiB} GiB) costs ${current:0.00}/month. ")
            + "Snapshot the OS disk first (billed per GiB used, far less than the disk), then delete the VM and its disk; check with the owner.",
            VmCommands.SnapshotAndDelete(vm));
    }
}
