namespace CostSense.Core.Data.Entities;

/// <summary>
/// Splits a shared cost across the values of a tag key for showback: the cost of some resource groups or subscriptions,
/// or the cost untagged by <see cref="TagKey"/>, in proportion to each value's direct cost or by fixed percentages.
/// Rules apply in <see cref="Order"/>; a cost one rule takes is not taken again by a later one.
/// </summary>
public sealed class AllocationRule
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The tag key (lower case) whose values receive the cost.</summary>
    public required string TagKey { get; set; }
    public AllocationSource Source { get; set; }
    /// <summary>
    /// For <see cref="AllocationSource.ResourceGroups"/>: "{subscription id}/{group}" keys; for
    /// <see cref="AllocationSource.Subscriptions"/>: subscription ids; newline-separated. Empty for untagged cost.
    /// </summary>
    public required string SourceKeys { get; set; }
    public AllocationMethod Method { get; set; }
    /// <summary>For <see cref="AllocationMethod.Fixed"/>: JSON object of tag value → percent, adding up to 100.</summary>
    public string? FixedShares { get; set; }
    public int Order { get; set; }
    public bool Enabled { get; set; } = true;
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
