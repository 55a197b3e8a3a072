using CostSense.Core.Catalog;
using CostSense.Core.Data.Entities;
using static System.FormattableString;

namespace CostSense.Core.Recommendations.Compute;

/// <summary>
/// P95 CPU or P95 memory strictly above <see cref="RecommendationOptions.HotPercent"/>: a performance risk. Proposes the
/// next size up in the same family and region (more vCPUs if CPU is hot, more memory if memory is hot); the saving is
/// negative and never filtered by the minimum.
/// </summary>
public sealed class ScaleUpRule(VmSizeCatalog catalog) : IVmRule
{
    public IEnumerable<RecommendationDraft> Evaluate(VmUsage usage, RecommendationOptions options)
    {
        var vm = usage.Vm;
        if (vm.PowerState != PowerState.Running || !VmSignals.IsHot(usage, options)) yield break;
        if (catalog.Find(vm.Size, vm.Region) is not { } current) yield break;
        var cpuHot = usage.CpuP95 > options.HotPercent;
        var memoryHot = usage.MemoryP95 > options.HotPercent;
        var next = catalog.Family(current.Family, vm.Region)
            .Where(s => s.Name != current.Name && s.HourlyPrice > current.HourlyPrice
                && (cpuHot ? s.VCpus > current.VCpus : s.VCpus >= current.VCpus)
                && (memoryHot ? s.MemoryGiB > current.MemoryGiB : s.MemoryGiB >= current.MemoryGiB))
            .OrderBy(s => s.HourlyPrice)
            .FirstOrDefault();
        if (next is null) yield break;

        var currentCost = VmSignals.Cents(usage.MonthlyComputeCost);
        var projected = VmSignals.Cents(usage.MonthlyComputeCost * next.HourlyPrice / current.HourlyPrice);
        var hot = string.Join(" and ", new[]
        {
            cpuHot ? Invariant($"P95 CPU {usage.CpuP95:0.0}% → {usage.CpuP95 * current.VCpus / next.VCpus:0.0}%") : null,
            memoryHot ? Invariant($"P95 memory {usage.MemoryP95:0.0}% → {usage.MemoryP95 * current.MemoryGiB / next.MemoryGiB:0.0}%") : null,
        }.OfType<string>());
        yield return new RecommendationDraft(vm.ResourceId, RecommendationKind.Compute, RecommendationCategory.Performance,
            RecommendationAction.ScaleUp, current.Name, next.Name, currentCost, projected,
            VmSignals.CoverageConfidence(usage), EffortHours: 1, RiskLevel.High,
            Invariant($"Above the {options.HotPercent:0.#}% hot threshold over {usage.DaysWithMetrics} of {usage.LookbackDays} days; ")
            + Invariant($"{VmSignals.Short(current.Name)} → {VmSignals.Short(next.Name)}: {hot}. It costs ${projected - currentCost:0.00} more a month (${currentCost:0.00} → ${projected:0.00}); a resize restarts the VM."),
            VmCommands.Resize(vm, next.Name));
    }
}
