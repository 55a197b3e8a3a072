using CostSense.Core.Data.Entities;

namespace CostSense.Core.Imports.Formats;

/// <summary>
/// Maps classic Cost Management cost-details rows (EA, MCA, legacy PAYG; actual or amortized) into FOCUS, after the
/// FinOps toolkit's "Convert Cost Management data to FOCUS" table (learn.microsoft.com/cloud-computing/finops/focus/convert).
/// <para>Money. The cost column is CostInBillingCurrency, or Cost (older EA), or PreTaxCost (legacy PAYG).
/// A commitment row is one whose PricingModel is Reservation or SavingsPlan.</para>
/// <list type="bullet">
/// <item>Actual cost: BilledCost = cost on every row (the invoice). EffectiveCost = cost, except for commitment
/// purchases and refunds (ChargeType Purchase or Refund on a commitment): 0, because FOCUS spreads them over the
/// usage they cover, which only the amortized dataset carries.</item>
/// <item>Amortized cost: EffectiveCost = cost on every row. BilledCost = cost, except for commitment usage
/// (ChargeType Usage on a commitment) and unused commitment (UnusedReservation, UnusedSavingsPlan): 0, because that
/// money was billed by the purchase. The toolkit zeroes only the first; FOCUS and its spec examples bill neither.</item>
/// </list>
/// ListCost = PayGCostInBillingCurrency where the export has it, else PayGPrice × Quantity, else 0.
/// ChargeCategory: Usage, Purchase, Credit, Tax as written; Unused* → Usage; Refund → Purchase (ChargeClass
/// Correction); none (legacy PAYG) → Usage; other → Adjustment. PricingCategory: OnDemand → Standard,
/// Reservation/SavingsPlan → Committed, Spot → Dynamic. BillingAccountId: EA BillingAccountId, MCA BillingProfileId.
/// ServiceName and ServiceCategory come from the FinOps toolkit's service mapping (<see cref="ServiceCatalog"/>: ConsumedService
/// and the resource type, read from ResourceId when the export has no ResourceType), else MeterCategory and ServiceFamily.
/// </summary>
internal sealed class ClassicRowMapper : ICostRowMapper
{
    private readonly string _file;
    private readonly IReadOnlyList<string> _header;
    private readonly bool _amortized;
    private readonly int _date, _cost, _currency, _billingAccountId, _billingAccountName, _subscriptionId, _subscriptionName,
        _resourceGroup, _resourceId, _resourceName, _resourceType, _region, _meterCategory, _serviceFamily, _meterId, _meterName,
        _chargeType, _pricingModel, _benefitId, _quantity, _unit, _tags, _costCenter, _paygCost, _paygPrice, _publisher,
        _billingPeriodStart, _frequency, _product, _benefitName, _consumedService;

    public ClassicRowMapper(string fileName, ColumnIndex c, bool amortized, bool mca)
    {
        _file = fileName;
        _header = c.Header;
        _amortized = amortized;
        _date = c.Find(FormatDetector.ClassicDate);
        _cost = c.Find(FormatDetector.ClassicCost);
        _currency = c.Find("BillingCurrencyCode", "BillingCurrency", "Currency");
        _billingAccountId = mca ? c.Find("BillingProfileId", "BillingAccountId") : c.Find("BillingAccountId", "BillingProfileId");
        _billingAccountName = mca ? c.Find("BillingProfileName", "BillingAccountName") : c.Find("BillingAccountName", "BillingProfileName");
        _subscriptionId = c.Find("SubscriptionId", "SubscriptionGuid");
        _subscriptionName = c.Find("SubscriptionName");
        _resourceGroup = c.Find("ResourceGroup", "ResourceGroupName");
        _resourceId = c.Find("ResourceId", "InstanceId", "InstanceName");
        _resourceName = c.Find("ResourceName");
        _resourceType = c.Find("ResourceType");
        _consumedService = c.Find("ConsumedService");
        _region = c.Find("ResourceLocation", "Location");
        _meterCategory = c.Find("MeterCategory");
        _serviceFamily = c.Find("ServiceFamily");
        _meterId = c.Find("MeterId");
        _meterName = c.Find("MeterName");
        _chargeType = c.Find("ChargeType");
        _pricingModel = c.Find("PricingModel");
        _benefitId = c.Find("benefitId", "ReservationId");
        _benefitName = c.Find("benefitName", "ReservationName");
        _quantity = c.Find("Quantity", "UsageQuantity");
        _unit = c.Find("UnitOfMeasure");
        _tags = c.Find("Tags");
        _costCenter = c.Find("CostCenter");
        _paygCost = c.Find("PayGCostInBillingCurrency");
        _paygPrice = c.Find("PayGPrice");
        _publisher = c.Find("PublisherName");
        _billingPeriodStart = c.Find("BillingPeriodStartDate");
        _frequency = c.Find("Frequency");
        _product = c.Find("ProductName", "Product");
    }

    public ImportedCostRow Map(TabularRow row)
    {
        string? Text(int i) => i < 0 ? null : CellParser.Text(row.Cells[i]);
        decimal Money(int i) => i < 0 ? 0m : CellParser.Money(_file, row, _header[i], row.Cells[i]);
        decimal? Quantity(int i) => i < 0 ? null : CellParser.Quantity(_file, row, _header[i], row.Cells[i]);

        var cost = Money(_cost);
        var chargeType = Text(_chargeType) ?? "";
        var pricingModel = Text(_pricingModel) ?? "";
        var commitment = Is(pricingModel, "Reservation") || Is(pricingModel, "SavingsPlan");
        var unused = Is(chargeType, "UnusedReservation") || Is(chargeType, "UnusedSavingsPlan");
        decimal billed, effective;
        if (_amortized)
        {
            effective = cost;
            billed = (commitment && Is(chargeType, "Usage")) || unused ? 0m : cost;
        }
        else
        {
            billed = cost;
            effective = commitment && (Is(chargeType, "Purchase") || Is(chargeType, "Refund")) ? 0m : cost;
        }

        var quantity = Quantity(_quantity);
        var list = _paygCost >= 0 ? Money(_paygCost)
            : _paygPrice >= 0 && quantity is { } q ? Money(_paygPrice) * q
            : 0m;
        var resourceId = Text(_resourceId);
        var resourceType = Text(_resourceType) ?? ResourceIdParts.Type(resourceId);
        var service = ServiceCatalog.Find(Text(_consumedService), resourceType);
        var (tags, environment, costCenter) = TagLifter.Lift(Text(_tags));
        var record = new CostRecord
        {
            Source = ImportSources.File,
            ChargePeriodStart = CellParser.Day(_file, row, _header[_date], row.Cells[_date]),
            BillingAccountId = Text(_billingAccountId) ?? "",
            SubAccountId = Text(_subscriptionId) ?? "",
            SubAccountName = Text(_subscriptionName) ?? "",
            ResourceGroup = Text(_resourceGroup) ?? ResourceIdParts.ResourceGroup(resourceId) ?? "",
            ResourceId = resourceId,
            ResourceName = Text(_resourceName) ?? ResourceIdParts.Name(resourceId),
            ResourceType = resourceType,
            ServiceCategory = service?.Category ?? Text(_serviceFamily) ?? "",
            ServiceName = service?.Name ?? Text(_meterCategory) ?? "",
            RegionId = Text(_region) ?? "",
            SkuId = Text(_meterId),
            PricingCategory = pricingModel switch
            {
                "" or "OnDemand" => "Standard",
                "Reservation" or "SavingsPlan" => "Committed",
                "Spot" => "Dynamic",
                _ => "Other",
            },
            ChargeCategory = chargeType switch
            {
                "" or "Usage" or "Purchase" or "Credit" or "Tax" => chargeType.Length == 0 ? "Usage" : chargeType,
                "UnusedReservation" or "UnusedSavingsPlan" => "Usage",
                "Refund" => "Purchase",
                _ => "Adjustment",
            },
            CommitmentDiscountId = Text(_benefitId),
            BilledCost = billed,
            EffectiveCost = effective,
            ListCost = list,
            BillingCurrency = Text(_currency) ?? "",
            ConsumedQuantity = quantity,
            ConsumedUnit = Text(_unit),
            Tags = tags,
            TagEnvironment = environment,
            TagCostCenter = costCenter ?? Text(_costCenter),
            ProviderName = "Microsoft",
            PublisherName = Text(_publisher),
            BillingAccountName = Text(_billingAccountName),
            BillingPeriodStart = _billingPeriodStart < 0 || CellParser.IsNull(row.Cells[_billingPeriodStart]) ? null
                : CellParser.Day(_file, row, _header[_billingPeriodStart], row.Cells[_billingPeriodStart]),
            ChargeClass = Is(chargeType, "Refund") ? "Correction" : null,
            ChargeDescription = Text(_product),
            ChargeFrequency = Text(_frequency) switch
            {
                null => null,
                "OneTime" => "One-Time",
                "Recurring" => "Recurring",
                "UsageBased" => "Usage-Based",
                _ => "Other",
            },
            PricingQuantity = quantity,
            PricingUnit = Text(_unit),
            CommitmentDiscountStatus = unused ? "Unused" : commitment ? "Used" : null,
            CommitmentDiscountType = pricingModel switch { "Reservation" => "Reservation", "SavingsPlan" => "Savings Plan", _ => null },
            SkuMeterName = Text(_meterName),
        };
        return new ImportedCostRow(record, new ImportedCostDetails(), row.Line);
    }

    private static bool Is(string value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
}
