using CostSense.Core.Data.Entities;
using static System.FormattableString;

namespace CostSense.Core.Recommendations.Compute;

/// <summary>
/// A VM running at least <see cref="RecommendationOptions.SteadyRunningShare"/> of the window (and not idle) is worth
/// reserving: one draft for a 1-year and one for a 3-year reservation at the configured discounts. When the right-size or
/// scale-up rule also proposes a size, the reservation is for that size and priced on its cost, so resize and reservation
/// savings stack instead of overlapping.
/// </summary>
public sealed class CommitmentRule(RightsizeRule? rightsize = null, ScaleUpRule? scaleUp = null) : IVmRule
{
    public IEnumerable<RecommendationDraft> Evaluate(VmUsage usage, RecommendationOptions options)
    {
        if (usage.Vm.PowerState != PowerState.Running || usage.RunningShare < options.SteadyRunningShare || VmSignals.IsIdle(usage, options))
            yield break;
        var resize = rightsize?.Evaluate(usage, options).FirstOrDefault() ?? scaleUp?.Evaluate(usage, options).FirstOrDefault();
        foreach (var draft in new[]
                 {
                     Draft(usage, options, resize, RecommendationAction.Reserve1Year, "P1Y", 1, options.Reserved1YearDiscount),
                     Draft(usage, options, resize, RecommendationAction.Reserve3Year, "P3Y", 3, options.Reserved3YearDiscount),
                 })
            if (draft.MonthlySavings >= options.MinimumMonthlySavings)
                yield return draft;
    }

    private static RecommendationDraft Draft(VmUsage usage, RecommendationOptions options, RecommendationDraft? resize,
        RecommendationAction action, string term, int years, decimal discount)
    {
        var vm = usage.Vm;
        var size = resize?.Target ?? vm.Size;
        var current = resize?.ProjectedMonthlyCost ?? VmSignals.Cents(usage.MonthlyComputeCost);
        var projected = VmSignals.Cents(current * (1 - discount));
        // A longer lock-in is a bigger bet on the future than the window can support: one point less for 3 years.
        var confidence = Math.Clamp(VmSignals.CoverageConfidence(usage) - (years - 1) / 2.0, 0, 5);
        return new RecommendationDraft(vm.ResourceId, RecommendationKind.Compute, RecommendationCategory.Commitment,
            action, $"{size} pay-as-you-go", $"{size} {years}-year reservation", current, projected,
            confidence, EffortHours: 0.5, RiskLevel.Low,
            Invariant($"Ran {usage.RunningShare:0.0%} of the last {usage.LookbackDays} days (steady at ≥ {options.SteadyRunningShare:0%}); ")
            + Invariant($"a {years}-year reservation at about {discount:0%} off brings ${current:0.00} to ${projected:0.00} a month. ")
            + Invariant($"Lock-in: it is paid for {years} year{(years > 1 ? "s" : "")} whether the VM runs or not (exchanges and refunds are limited); ")
            + (resize is null
                ? "instance size flexibility keeps it applying after a later resize within the same family."
                : Invariant($"Priced on {VmSignals.Short(size)}, the size recommended alongside ({resize.Category}): resize first, then reserve.")),
            VmCommands.Reserve(vm, size, term));
    }
}
