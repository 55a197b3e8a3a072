using CostSense.Core.Catalog;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations.Pricing;
using static System.FormattableString;

namespace CostSense.Core.Recommendations.Compute;

/// <summary>
/// A VM running at least <see cref="RecommendationOptions.SteadyRunningShare"/> of the window (and not idle) is worth
/// reserving: one draft for a 1-year and one for a 3-year reservation. When the right-size or scale-up rule also proposes a
/// size, the reservation is for that size and priced on its cost, so resize and reservation savings stack instead of
/// overlapping.
/// <para>
/// Priced from the run's <see cref="VmPriceBook"/> when it holds the Azure retail price of the reservation: the reservation
/// is paid for every hour (its hourly price × 730 a month) whether the VM runs or not. A reservation covers compute only, so
/// a Windows VM keeps paying its licence (the Windows pay-as-you-go price less the Linux one) for the hours it runs; without
/// both prices its licence cannot be priced and the configured discount stands (a VM whose OS is unknown is priced as Linux,
/// which overstates the saving if it runs Windows). Retail prices are in USD: when the store's
/// costs are in another currency (or several), the prices' ratio — what the VM would pay reserved ÷ what it pays
/// pay-as-you-go at its running share — is applied to its cost instead, so no exchange rate is guessed. Without a stored
/// price, <see cref="RecommendationOptions.Reserved1YearDiscount"/> and <see cref="RecommendationOptions.Reserved3YearDiscount"/>
/// stand, and the rationale says so.
/// </para>
/// </summary>
public sealed class CommitmentRule(RightsizeRule? rightsize = null, ScaleUpRule? scaleUp = null) : IPricedVmRule
{
    public IEnumerable<RecommendationDraft> Evaluate(VmUsage usage, RecommendationOptions options) => Evaluate(usage, options, null);

    public IEnumerable<RecommendationDraft> Evaluate(VmUsage usage, RecommendationOptions options, VmPriceBook? prices)
    {
        if (usage.Vm.PowerState != PowerState.Running || usage.RunningShare < options.SteadyRunningShare || VmSignals.IsIdle(usage, options))
            yield break;
        var resized = prices is null ? rightsize?.Evaluate(usage, options) : rightsize?.Evaluate(usage, options, prices);
        var resize = resized?.FirstOrDefault() ?? scaleUp?.Evaluate(usage, options).FirstOrDefault();
        foreach (var draft in new[]
                 {
                     Draft(usage, options, prices, resize, RecommendationAction.Reserve1Year, "P1Y", 1, options.Reserved1YearDiscount),
                     Draft(usage, options, prices, resize, RecommendationAction.Reserve3Year, "P3Y", 3, options.Reserved3YearDiscount),
                 })
            if (draft.MonthlySavings >= options.MinimumMonthlySavings)
                yield return draft;
    }

    private static RecommendationDraft Draft(VmUsage usage, RecommendationOptions options, VmPriceBook? prices, RecommendationDraft? resize,
        RecommendationAction action, string term, int years, decimal discount)
    {
        var vm = usage.Vm;
        var size = resize?.Target ?? vm.Size;
        var current = resize?.ProjectedMonthlyCost ?? VmSignals.Cents(usage.MonthlyComputeCost);
        var (projected, pricing) = Price(usage, prices, size, years, current) is { } real
            ? real
            : (VmSignals.Cents(current * (1 - discount)),
                Invariant($"a {years}-year reservation at about {discount:0%} off (the configured discount: {NoPriceReason(usage, prices, size, years)}) brings ${current:0.00} to ${VmSignals.Cents(current * (1 - discount)):0.00} a month. "));
        // A longer lock-in is a bigger bet on the future than the window can support: one point less for 3 years.
        var confidence = Math.Clamp(VmSignals.CoverageConfidence(usage) - (years - 1) / 2.0, 0, 5);
        return new RecommendationDraft(vm.ResourceId, RecommendationKind.Compute, RecommendationCategory.Commitment,
            action, $"{size} pay-as-you-go", $"{size} {years}-year reservation", current, projected,
            confidence, EffortHours: 0.5, RiskLevel.Low,
            Invariant($"Ran {usage.RunningShare:0.0%} of the last {usage.LookbackDays} days (steady at ≥ {options.SteadyRunningShare:0%}); ")
            + pricing
            + Invariant($"Lock-in: it is paid for {years} year{(years > 1 ? "s" : "")} whether the VM runs or not (exchanges and refunds are limited); ")
            + (resize is null
                ? "instance size flexibility keeps it applying after a later resize within the same family."
                : Invariant($"Priced on {VmSignals.Short(size)}, the size recommended alongside ({resize.Category}): resize first, then reserve.")),
            VmCommands.Reserve(vm, size, term));
    }

    /// <summary>The projected monthly cost and its wording from stored retail prices, or null when they cannot price it.</summary>
    private static (decimal Projected, string Words)? Price(VmUsage usage, VmPriceBook? prices, string size, int years, decimal current)
    {
        if (prices is null || NoPriceReason(usage, prices, size, years) is not null) return null;
        var region = usage.Vm.Region;
        var reservation = prices.Price(size, region, years == 1 ? RetailPriceKind.Reservation1Year : RetailPriceKind.Reservation3Year)!;
        var windows = IsWindows(usage.Vm);
        var linux = prices.Price(size, region, RetailPriceKind.PayAsYouGoLinux);
        var payg = windows ? prices.Price(size, region, RetailPriceKind.PayAsYouGoWindows) : linux;
        var licence = windows ? Math.Max(0, payg!.HourlyPrice - linux!.HourlyPrice) : 0m;
        var share = (decimal)usage.RunningShare;
        var hours = VmSize.HoursPerMonth;
        var words = Invariant($"Azure retail price of a {years}-year reservation for {size} in {region}: ${reservation.HourlyPrice:0.0000}/h")
            + (payg is null ? " (no pay-as-you-go price stored to compare)" : Invariant($" against ${payg.HourlyPrice:0.0000}/h pay-as-you-go"))
            + Invariant($" ({reservation.Currency}, synced {reservation.SyncedAt:yyyy-MM-dd}). ")
            + (windows
                ? Invariant($"It covers compute only: the Windows licence (${licence:0.0000}/h, the Windows price less the Linux one) stays pay-as-you-go for the hours the VM runs. ")
                : "");
        decimal projected;
        if (string.Equals(reservation.Currency, prices.CostCurrency, StringComparison.OrdinalIgnoreCase))
        {
            projected = VmSignals.Cents(reservation.HourlyPrice * hours + licence * hours * share);
            words += Invariant($"Reserved for all {hours:0} hours a month, ${current:0.00} becomes ${projected:0.00} a month. ");
        }
        else
        {
            // Costs in another currency: the prices' ratio at the VM's running share, applied to its own cost.
            var ratio = (reservation.HourlyPrice + licence * share) / (payg!.HourlyPrice * share);
            projected = VmSignals.Cents(current * ratio);
            var currency = prices.CostCurrency ?? "several currencies";
            words += Invariant($"The costs are in {currency}, the prices in {reservation.Currency}: their ratio ({1 - ratio:0%} off at this running share) brings {current:0.00} to {projected:0.00} a month. ");
        }
        return (projected, words);
    }

    /// <summary>Why the stored prices cannot price this reservation, or null when they can.</summary>
    private static string? NoPriceReason(VmUsage usage, VmPriceBook? prices, string size, int years)
    {
        var region = usage.Vm.Region;
        if (prices?.Price(size, region, years == 1 ? RetailPriceKind.Reservation1Year : RetailPriceKind.Reservation3Year) is not { } reservation)
            return Invariant($"no Azure retail price of a {years}-year reservation for {size} in {region} is stored");
        var windows = IsWindows(usage.Vm);
        var linux = prices.Price(size, region, RetailPriceKind.PayAsYouGoLinux);
        var payg = windows ? prices.Price(size, region, RetailPriceKind.PayAsYouGoWindows) : linux;
        if (windows && (payg is null || linux is null))
            return Invariant($"the Windows licence it does not cover has no stored Windows and Linux pay-as-you-go prices for {size} in {region}");
        if (!string.Equals(reservation.Currency, prices.CostCurrency, StringComparison.OrdinalIgnoreCase) && payg is null)
            return Invariant($"the costs are not in {reservation.Currency} and no pay-as-you-go price of {size} in {region} is stored to compare");
        return null;
    }

    private static bool IsWindows(VirtualMachine vm) => vm.OsType.Equals("Windows", StringComparison.OrdinalIgnoreCase);
}
