namespace CostSense.Core.Data.Entities;

/// <summary>
/// A version per calendar month, replaced by a new random value whenever that month's cost data changes.
/// Cache keys of dashboard queries include the versions of the months they read, so a change invalidates
/// exactly them.
/// </summary>
public sealed class PeriodVersion
{
    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; set; }
    public long Version { get; set; }

    /// <summary>The row that versions the resource inventory and its metrics rather than a month of cost.</summary>
    public static readonly DateOnly Inventory = DateOnly.MinValue;
}
