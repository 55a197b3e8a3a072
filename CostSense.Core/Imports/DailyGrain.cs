using CostSense.Core.Data.Entities;

namespace CostSense.Core.Imports;

/// <summary>
/// Sums rows that differ only in the hour they were charged (an hourly export) into one row per day and dimensions, so
/// the store stays daily. Costs and quantities are added as decimals: totals are unchanged to the last decimal.
/// </summary>
internal sealed class DailyGrain
{
    private readonly Dictionary<Key, CostRecord> _rows = new();

    public long Count => _rows.Count;

    public IEnumerable<CostRecord> Rows => _rows.Values;

    /// <summary>Adds the row; true when it starts a new daily row, false when it was summed into one.</summary>
    public bool Add(CostRecord r)
    {
        var key = new Key(r.ProviderName, r.ChargePeriodStart, r.BillingAccountId, r.SubAccountId, r.SubAccountName, r.ResourceGroup,
            r.ResourceId, r.ResourceName, r.ResourceType, r.ServiceCategory, r.ServiceName, r.RegionId, r.SkuId, r.PricingCategory,
            r.ChargeCategory, r.CommitmentDiscountId, r.BillingCurrency, r.ConsumedUnit, r.Tags, r.TagEnvironment, r.TagCostCenter,
            new Focus(r.BillingAccountName, r.BillingPeriodStart, r.BillingPeriodEnd, r.ChargeClass, r.ChargeDescription, r.ChargeFrequency,
                r.PricingUnit, r.PublisherName, r.InvoiceIssuerName, r.InvoiceId, r.CommitmentDiscountType, r.CommitmentDiscountStatus, r.SkuMeterName));
        if (!_rows.TryGetValue(key, out var sum))
        {
            _rows[key] = r;
            return true;
        }
        sum.BilledCost += r.BilledCost;
        sum.EffectiveCost += r.EffectiveCost;
        sum.ListCost += r.ListCost;
        sum.ContractedCost += r.ContractedCost;
        sum.PricingQuantity = sum.PricingQuantity is null && r.PricingQuantity is null ? null : (sum.PricingQuantity ?? 0) + (r.PricingQuantity ?? 0);
        sum.ConsumedQuantity = sum.ConsumedQuantity is null && r.ConsumedQuantity is null ? null : (sum.ConsumedQuantity ?? 0) + (r.ConsumedQuantity ?? 0);
        return false;
    }

    private sealed record Key(string Provider, DateOnly Day, string BillingAccountId, string SubAccountId, string SubAccountName, string ResourceGroup,
        string? ResourceId, string? ResourceName, string? ResourceType, string ServiceCategory, string ServiceName, string RegionId, string? SkuId,
        string PricingCategory, string ChargeCategory, string? CommitmentDiscountId, string Currency, string? ConsumedUnit, string? Tags,
        string? TagEnvironment, string? TagCostCenter, Focus Focus);

    // The FOCUS columns beyond the dimensions: rows differing in any of them stay apart.
    private sealed record Focus(string? BillingAccountName, DateOnly? BillingPeriodStart, DateOnly? BillingPeriodEnd, string? ChargeClass,
        string? ChargeDescription, string? ChargeFrequency, string? PricingUnit, string? PublisherName, string? InvoiceIssuerName, string? InvoiceId,
        string? CommitmentDiscountType, string? CommitmentDiscountStatus, string? SkuMeterName);
}
