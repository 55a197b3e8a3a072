namespace CostSense.Core.Imports.Formats;

/// <summary>
/// What a mapper reads of a row beyond what <see cref="Data.Entities.CostRecord"/> keeps: the charge period's end and
/// whether the row covers less than a day (the importer sums such rows to daily grain), and the pricing currency.
/// </summary>
public sealed record ImportedCostDetails
{
    public DateTimeOffset? ChargePeriodEnd { get; init; }

    /// <summary>The row covers less than a day (an hourly export): the importer sums such rows to daily grain.</summary>
    public bool SubDaily { get; init; }

    public string? PricingCurrency { get; init; }
}
