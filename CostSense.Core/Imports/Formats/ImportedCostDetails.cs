namespace CostSense.Core.Imports.Formats;

/// <summary>
/// The FOCUS columns issue 12 keeps that <see cref="Data.Entities.CostRecord"/> has no field for yet (the entity and
/// its migrations change with the store work, not with this reader). Carried beside each record so the store can take
/// them when it gains the columns, and so the import summary can report per provider today.
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
