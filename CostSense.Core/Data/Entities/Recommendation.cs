namespace CostSense.Core.Data.Entities;

/// <summary>
/// A stored recommendation. Its <see cref="Id"/> is derived from resource and action, so a recomputation finds
/// the same row again: the numbers are refreshed, the state (accepted, dismissed, snoozed, implemented) stays.
/// </summary>
public sealed class Recommendation
{
    /// <summary>Stable: <see cref="Recommendations.RecommendationIds.For"/>(resource, action).</summary>
    public required string Id { get; set; }
    public required string ResourceId { get; set; }
    public required string ResourceName { get; set; }
    public required string SubscriptionId { get; set; }
    public required string ResourceGroup { get; set; }
    public required string Region { get; set; }
    public string? Environment { get; set; }
    public string? Tags { get; set; }

    public RecommendationKind Kind { get; set; }
    public RecommendationCategory Category { get; set; }
    public RecommendationAction Action { get; set; }
    public required string Current { get; set; }
    public required string Target { get; set; }
    public decimal CurrentMonthlyCost { get; set; }
    public decimal ProjectedMonthlyCost { get; set; }
    public decimal MonthlySavings { get; set; }
    public decimal AnnualSavings { get; set; }
    public double Confidence { get; set; }
    public double EffortHours { get; set; }
    public RiskLevel Risk { get; set; }
    public required string Rationale { get; set; }
    public required string Command { get; set; }
    /// <summary>The VM's utilization behind it (null for storage): shown as bars in the grid.</summary>
    public double? CpuP95 { get; set; }
    public double? MemoryP95 { get; set; }
    public int LookbackDays { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    /// <summary>False when the last computation no longer produced it (the resource changed or went away).</summary>
    public bool IsActive { get; set; } = true;

    public RecommendationStatus Status { get; set; }
    public string? StatusReason { get; set; }
    public DateOnly? SnoozedUntil { get; set; }
    public string? StatusChangedBy { get; set; }
    public DateTimeOffset? StatusChangedAt { get; set; }
    /// <summary>The monthly saving as it stood when marked implemented: realized savings.</summary>
    public decimal? RealizedMonthlySavings { get; set; }
}
