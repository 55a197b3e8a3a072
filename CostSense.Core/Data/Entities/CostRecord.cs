namespace CostSense.Core.Data.Entities;

/// <summary>
/// One FOCUS-shaped cost row at daily grain. Every source (demo tenant, FOCUS/Azure export, live Azure)
/// maps into this shape so every screen reads the same numbers.
/// </summary>
public sealed class CostRecord
{
    public long Id { get; set; }

    /// <summary>Which source wrote the row ("demo", "focus", "azure"); an import replaces a period per source.</summary>
    public required string Source { get; set; }

    /// <summary>The cloud that charged the row (FOCUS ProviderName: "Microsoft", "AWS", "Oracle" …).</summary>
    public string ProviderName { get; set; } = "Microsoft";

    /// <summary>The import that wrote the row, so one import can be undone; null for the demo tenant.</summary>
    public long? ImportBatchId { get; set; }

    public DateOnly ChargePeriodStart { get; set; }
    public required string BillingAccountId { get; set; }
    public required string SubAccountId { get; set; }
    public required string SubAccountName { get; set; }
    public required string ResourceGroup { get; set; }
    public string? ResourceId { get; set; }
    public string? ResourceName { get; set; }
    public string? ResourceType { get; set; }
    public required string ServiceCategory { get; set; }
    public required string ServiceName { get; set; }
    public required string RegionId { get; set; }
    public string? SkuId { get; set; }
    public string PricingCategory { get; set; } = "Standard";
    public string ChargeCategory { get; set; } = "Usage";
    public string? CommitmentDiscountId { get; set; }

    public decimal BilledCost { get; set; }
    public decimal EffectiveCost { get; set; }
    public decimal ListCost { get; set; }
    public required string BillingCurrency { get; set; }
    public decimal? ConsumedQuantity { get; set; }
    public string? ConsumedUnit { get; set; }

    /// <summary>Resource tags as JSON text, as FOCUS carries them.</summary>
    public string? Tags { get; set; }

    // The FOCUS columns analysts rely on beyond the dimensions above; null for the demo tenant where it has no value.
    public string? BillingAccountName { get; set; }
    public DateOnly? BillingPeriodStart { get; set; }
    /// <summary>Exclusive end of the billing period, as FOCUS gives it.</summary>
    public DateOnly? BillingPeriodEnd { get; set; }
    /// <summary>FOCUS ChargeClass: null, or "Correction" for a row that corrects an earlier period (refunds, credits).</summary>
    public string? ChargeClass { get; set; }
    public string? ChargeDescription { get; set; }
    public string? ChargeFrequency { get; set; }
    public decimal ContractedCost { get; set; }
    public decimal? PricingQuantity { get; set; }
    public string? PricingUnit { get; set; }
    public string? PublisherName { get; set; }
    public string? InvoiceIssuerName { get; set; }
    public string? InvoiceId { get; set; }
    public string? CommitmentDiscountType { get; set; }
    public string? CommitmentDiscountStatus { get; set; }
    /// <summary>The meter (FOCUS SkuMeter, Azure x_SkuMeterName / MeterName): what a VM's size or a disk's tier is read from.</summary>
    public string? SkuMeterName { get; set; }

    // The two tags the dashboard breaks down by, lifted out of Tags at ingest so rollups can group on them.
    public string? TagEnvironment { get; set; }
    public string? TagCostCenter { get; set; }
}
