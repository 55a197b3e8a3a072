using CostSense.Core.Catalog;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations.Pricing;
using static System.FormattableString;

namespace CostSense.Core.Recommendations.Compute;

/// <summary>
/// The cheapest named size (same family and region, or a Bv1 burstable size) that keeps projected P95 CPU within
/// <see cref="RecommendationOptions.TargetCpuP95Percent"/> and projected memory within
/// <see cref="RecommendationOptions.TargetMemoryPercent"/> (user-facing: the stricter pair), inclusive.
/// Projections scale linearly: P95 × current vCPUs ÷ target vCPUs, memory × current GiB ÷ target GiB, where memory
/// is the window's maximum when known (safer) and the P95 otherwise. A burstable target must also keep the projected
/// average CPU at or under its baseline. Idle and hot VMs are left to their own rules; without CPU and memory metrics
/// there is no right-size at all. Prices come from the run's <see cref="VmPriceBook"/> (synced Azure retail prices where
/// the region has them, the catalogue otherwise).
/// </summary>
public sealed class RightsizeRule(VmSizeCatalog catalog) : IPricedVmRule
{
    private readonly VmPriceBook _offline = VmPriceBook.Offline(catalog);

    private sealed record Fit(VmSize Size, double Cpu, double Memory, double? Average, double? Baseline);

    public IEnumerable<RecommendationDraft> Evaluate(VmUsage usage, RecommendationOptions options) => Evaluate(usage, options, _offline);

    public IEnumerable<RecommendationDraft> Evaluate(VmUsage usage, RecommendationOptions options, VmPriceBook prices)
    {
        var vm = usage.Vm;
        if (vm.PowerState != PowerState.Running || usage.CpuP95 is not { } cpu || (usage.MemoryMax ?? usage.MemoryP95) is not { } memory) yield break;
        if (VmSignals.IsIdle(usage, options) || VmSignals.IsHot(usage, options)) yield break;
        if (prices.Find(vm.Size, vm.Region) is not { } current) yield break;

        var (cpuLimit, memoryLimit) = usage.IsUserFacing
            ? (options.UserFacingTargetCpuP95Percent, options.UserFacingTargetMemoryPercent)
            : (options.TargetCpuP95Percent, options.TargetMemoryPercent);
        var candidates = prices.Family(current.Family, vm.Region)
            .Concat(current.Family == "B" ? [] : prices.Family("B", vm.Region))
            .Where(s => s.HourlyPrice < current.HourlyPrice);
        var best = candidates
            .Select(s => Project(s, current, cpu, memory, usage.CpuAverage))
            .Where(f => f is not null && f.Cpu <= cpuLimit && f.Memory <= memoryLimit && (f.Baseline is null || f.Average <= f.Baseline))
            .OrderBy(f => f!.Size.HourlyPrice).ThenByDescending(f => f!.Size.VCpus)
            .FirstOrDefault();
        if (best is null) yield break;

        var currentCost = VmSignals.Cents(usage.MonthlyComputeCost);
        var projected = VmSignals.Cents(usage.MonthlyComputeCost * best.Size.HourlyPrice / current.HourlyPrice);
        if (currentCost - projected < options.MinimumMonthlySavings) yield break;

        var confidence = 5.0 - (VmSignals.IsThin(usage) ? 1 : 0) - (best.Cpu > 0.6 * cpuLimit ? 1 : 0);
        var memoryName = usage.MemoryMax is null ? "P95 memory" : "peak memory";
        var rationale =
            Invariant($"P95 CPU {cpu:0.0}% and {memoryName} {memory:0.0}% over {usage.DaysWithMetrics} of {usage.LookbackDays} days; ")
            + Invariant($"{VmSignals.Short(current.Name)} → {VmSignals.Short(best.Size.Name)} keeps projected P95 CPU at {best.Cpu:0.0}% (limit {cpuLimit:0.#}%) ")
            + Invariant($"and memory at {best.Memory:0.0}% (limit {memoryLimit:0.#}%{(usage.IsUserFacing ? ", user-facing" : "")}). ")
            + (best.Baseline is { } b
                ? Invariant($"Average CPU {usage.CpuAverage:0.0}% becomes {best.Average:0.0}%, under the {b:0.#}% baseline of {VmSignals.Short(best.Size.Name)}, so it banks burst credits. ")
                : "")
            + Invariant($"${current.HourlyPrice:0.####}/h → ${best.Size.HourlyPrice:0.####}/h {prices.SourceOf(vm.Region)}: ${currentCost:0.00} → ${projected:0.00} a month. A resize restarts the VM.");
        yield return new RecommendationDraft(vm.ResourceId, RecommendationKind.Compute, RecommendationCategory.Rightsize,
            RecommendationAction.Resize, current.Name, best.Size.Name, currentCost, projected,
            Math.Clamp(confidence, 0, 5), EffortHours: 1, usage.IsProduction ? RiskLevel.Medium : RiskLevel.Low,
            rationale, VmCommands.Resize(vm, best.Size.Name));
    }

    private static Fit? Project(VmSize target, VmSize current, double cpu, double memory, double? average)
    {
        var baseline = target.Family == "B" ? BurstableBaselines.Percent(target.Name) : null;
        if (target.Family == "B" && (baseline is null || average is null)) return null;
        var cpuRatio = (double)current.VCpus / target.VCpus;
        return new Fit(target, cpu * cpuRatio, memory * current.MemoryGiB / target.MemoryGiB, average * cpuRatio, baseline);
    }
}
