namespace CostSense.Core.Showback;

/// <summary>
/// The cost of one resource group carrying one value of the viewed tag key (or none: <see cref="Value"/> null is the
/// group's untagged cost) over the view's days, exact. The cells of a view add up to the dashboard's total.
/// </summary>
public sealed record AllocationCell(string SubscriptionId, string ResourceGroup, string? Value, decimal Cost)
{
    /// <summary>"{subscription id}/{group}", as allocation rules name resource groups.</summary>
    public string GroupKey => $"{SubscriptionId}/{ResourceGroup}";
}
