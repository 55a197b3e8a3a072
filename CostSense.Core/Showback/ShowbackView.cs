using CostSense.Core.Costs;

namespace CostSense.Core.Showback;

/// <summary>
/// The chargeback table of a view. Rows are in cents, rounded by largest remainder so that they add up to
/// <see cref="Total"/>, which is the dashboard's range total for the same days and subscription rounded to the cent.
/// </summary>
/// <param name="Values">One row per tag value, most total first.</param>
/// <param name="Untagged">The cost no value carries and no rule moved: never hidden, never lost.</param>
/// <param name="Total">The grand total in cents: the dashboard's range total, to the cent.</param>
/// <param name="ExactTotal">The grand total before rounding (the dashboard's RangeTotal exactly).</param>
/// <param name="Coverage">Percent of cost on resources that carry the key (before allocation); null when the total is not above zero.</param>
/// <param name="Rules">What each enabled rule of this key did, in order.</param>
/// <param name="OtherKeyRules">Names of enabled rules of other tag keys: they do not apply to this view.</param>
public sealed record ShowbackView(ShowbackQuery Query, string Currency, bool HasData, IReadOnlyList<ShowbackRow> Values, ShowbackRow Untagged,
    decimal Total, decimal ExactTotal, decimal? Coverage, IReadOnlyList<AllocationOutcome> Rules, IReadOnlyList<string> OtherKeyRules)
{
    /// <summary>The values then the untagged row: what the table and the CSV list above the total.</summary>
    public IEnumerable<ShowbackRow> AllRows => Values.Append(Untagged);
}

/// <summary>
/// One row of the chargeback table, in cents. <see cref="Allocated"/> is Total − Direct (net of what rules gave and took,
/// so the row always adds up); <see cref="AllocatedIn"/> and <see cref="AllocatedOut"/> are each rounded on their own and
/// say where the net comes from. <see cref="Share"/> is the row's total as a percent of the grand total, two decimals (each rounded on its own, so equal totals show equal shares).
/// </summary>
public sealed record ShowbackRow(string? Value, decimal Direct, decimal Allocated, decimal Total, decimal? Share,
    decimal AllocatedIn, decimal AllocatedOut)
{
    public bool IsUntagged => Value is null;

    /// <summary>What the table prints in the first column.</summary>
    public string Label => Value ?? UntaggedLabel;

    public const string UntaggedLabel = "(untagged)";
}

/// <summary>A tag key for the picker, with the share of cost on resources that carry it.</summary>
public sealed record TagKeyCoverage(string Key, decimal Cost, decimal? Coverage);
