namespace CostSense.Core.Imports.Formats;

/// <summary>
/// The FOCUS columns a mapper reads beside the dimensions it puts in <see cref="Data.Entities.CostRecord"/>: the importer
/// copies them into the record (one place for every format's spelling), and reads the provider and grain from them.
/// </summary>
public sealed record ImportedCostDetails
{
    public string? ProviderName { get; init; }
    public string? PublisherName { get; init; }
    public string? InvoiceIssuerName { get; init; }
    public string? BillingAccountName { get; init; }
    public DateOnly? BillingPeriodStart { get; init; }
    public DateTimeOffset? BillingPeriodEnd { get; init; }
    public DateTimeOffset? ChargePeriodEnd { get; init; }

    /// <summary>The row covers less than a day (an hourly export): the importer sums such rows to daily grain.</summary>
    public bool SubDaily { get; init; }
    public string? ChargeClass { get; init; }
    public string? ChargeDescription { get; init; }
    public string? ChargeFrequency { get; init; }
    public decimal ContractedCost { get; init; }
    public decimal? PricingQuantity { get; init; }
    public string? PricingUnit { get; init; }
    public string? CommitmentDiscountType { get; init; }
    public string? CommitmentDiscountStatus { get; init; }
    public string? SkuMeterName { get; init; }
    public string? InvoiceId { get; init; }
    public string? PricingCurrency { get; init; }
}
