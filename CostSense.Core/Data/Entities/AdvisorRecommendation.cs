namespace CostSense.Core.Data.Entities;

/// <summary>
/// One of Azure Advisor's cost recommendations, as Advisor gave it. Its savings and SKUs are often missing: null then,
/// shown as "not given", never as zero.
/// </summary>
public sealed class AdvisorRecommendation
{
    /// <summary>Advisor's resource id of the recommendation itself.</summary>
    public required string Id { get; set; }

    /// <summary>The resource it is about, lower case (as CostSense's inventory and recommendations key them).</summary>
    public required string ResourceId { get; set; }

    public required string SubscriptionId { get; set; }

    /// <summary>The impacted resource type ("Microsoft.Compute/virtualMachines") and name.</summary>
    public string? ImpactedField { get; set; }
    public string? ImpactedValue { get; set; }

    /// <summary>Advisor's recommendation type (a GUID naming e.g. "Right-size or shutdown underutilized virtual machines").</summary>
    public string? RecommendationTypeId { get; set; }

    public required string Problem { get; set; }
    public string? Solution { get; set; }

    /// <summary>High, Medium or Low.</summary>
    public string? Impact { get; set; }

    public string? CurrentSku { get; set; }
    public string? TargetSku { get; set; }

    /// <summary>extendedProperties.savingsAmount: a month's saving, when Advisor gives one.</summary>
    public decimal? MonthlySavings { get; set; }

    /// <summary>extendedProperties.annualSavingsAmount, when given.</summary>
    public decimal? AnnualSavings { get; set; }

    public string? Currency { get; set; }

    /// <summary>Reservation recommendations: the term ("P1Y", "P3Y") and the look-back Advisor used.</summary>
    public string? Term { get; set; }

    public DateTimeOffset? LastUpdated { get; set; }
    public DateTimeOffset SyncedAt { get; set; }
}
