namespace CostSense.Core.Data.Entities;

/// <summary>
/// A month of one subscription's cost read from the Cost Management Query API: when, and whether the month had closed by
/// then. A closed month the store has is never queried again; the open month at most every <c>OpenMonthRefresh</c>.
/// </summary>
public sealed class AzureCostMonth
{
    /// <summary>The scope queried ("/subscriptions/{id}"), lower case.</summary>
    public required string Scope { get; set; }

    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; set; }

    public DateTimeOffset FetchedAt { get; set; }

    /// <summary>Whether the month had ended (and Azure had had time to finalize it) when it was read.</summary>
    public bool Closed { get; set; }

    public int Rows { get; set; }
}
