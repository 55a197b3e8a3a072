using System.ComponentModel.DataAnnotations;

namespace CostSense.Core.Recommendations;

/// <summary>
/// Thresholds and rates of the recommendation rules (section CostSense:Recommendations). The idle and right-size
/// defaults are Azure Advisor's documented numbers; the others are CostSense's own (docs/adr/0005 says which).
/// </summary>
public sealed class RecommendationOptions : IValidatableObject
{
    public const string Section = "CostSense:Recommendations";
    public static readonly int[] AllowedLookbacks = [7, 14, 30, 60, 90];

    /// <summary>Days of data the rules look at: 7, 14, 30, 60 or 90.</summary>
    public int LookbackDays { get; set; } = 30;

    // Shut down / deallocate
    [Range(0.1, 50)] public double IdleCpuP95Percent { get; set; } = 3;
    [Range(0, 100_000)] public double IdleNetworkMiBPerDay { get; set; } = 200;
    [Range(1, 3650)] public int DeleteAfterDeallocatedDays { get; set; } = 30;

    // Right-size
    [Range(10, 100)] public double TargetCpuP95Percent { get; set; } = 80;
    [Range(10, 100)] public double TargetMemoryPercent { get; set; } = 80;
    [Range(10, 100)] public double UserFacingTargetCpuP95Percent { get; set; } = 40;
    [Range(10, 100)] public double UserFacingTargetMemoryPercent { get; set; } = 60;

    // Scale up
    [Range(50, 100)] public double HotPercent { get; set; } = 85;

    // Commitments
    [Range(0.5, 1)] public double SteadyRunningShare { get; set; } = 0.95;
    /// <summary>Discount of a 1-year reserved instance against pay-as-you-go (Azure's typical ~40%).</summary>
    [Range(0, 0.9)] public decimal Reserved1YearDiscount { get; set; } = 0.40m;
    /// <summary>Discount of a 3-year reserved instance (Azure's typical ~60%).</summary>
    [Range(0, 0.9)] public decimal Reserved3YearDiscount { get; set; } = 0.60m;

    // Storage
    /// <summary>Days without access before Hot data is worth moving to Cool (and 3×, 6× for Cold, Archive).</summary>
    [Range(1, 3650)] public int CoolAfterIdleDays { get; set; } = 30;

    /// <summary>What an hour of an engineer's time costs, for ROI and payback.</summary>
    [Range(0, 10_000)] public decimal HourlyRate { get; set; } = 100m;

    /// <summary>Below this monthly saving a recommendation is not worth anyone's time.</summary>
    [Range(0, 10_000)] public decimal MinimumMonthlySavings { get; set; } = 1m;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!AllowedLookbacks.Contains(LookbackDays))
            yield return new ValidationResult($"{Section}:LookbackDays must be one of {string.Join(", ", AllowedLookbacks)} (was {LookbackDays}).", [nameof(LookbackDays)]);
        if (Reserved3YearDiscount < Reserved1YearDiscount)
            yield return new ValidationResult($"{Section}:Reserved3YearDiscount must be at least Reserved1YearDiscount.", [nameof(Reserved3YearDiscount)]);
    }
}
