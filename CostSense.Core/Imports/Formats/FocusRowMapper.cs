using CostSense.Core.Data.Entities;

namespace CostSense.Core.Imports.Formats;

/// <summary>
/// Maps FOCUS rows (Azure's FocusCost export of any version, or generic FOCUS from any provider) column for column.
/// Hourly rows stay rows; their day is ChargePeriodStart's UTC date. Renamed Azure columns read either spelling
/// (InvoiceId/x_InvoiceId, PricingCurrency/x_PricingCurrency, SkuMeter/x_SkuMeterName). The resource group is
/// x_ResourceGroupName, else the one named in ResourceId. A column the file lacks maps to "" (text) or 0 (money).
/// </summary>
internal sealed class FocusRowMapper : ICostRowMapper
{
    private readonly string _file;
    private readonly IReadOnlyList<string> _header;
    private readonly int _chargePeriodStart, _billed, _effective, _list, _contracted, _billingAccountId, _billingAccountName,
        _subAccountId, _subAccountName, _resourceGroup, _resourceId, _resourceName, _resourceType, _serviceCategory,
        _serviceName, _regionId, _skuId, _pricingCategory, _chargeCategory, _commitmentId, _currency, _consumedQuantity,
        _consumedUnit, _tags, _costCenter, _provider, _publisher, _issuer, _billingPeriodStart, _billingPeriodEnd, _chargePeriodEnd, _chargeClass,
        _chargeDescription, _chargeFrequency, _pricingQuantity, _pricingUnit, _commitmentType, _commitmentStatus,
        _skuMeter, _invoiceId, _pricingCurrency;

    // A file repeats a handful of tag sets on millions of rows: each distinct text is parsed once (up to this many).
    private const int TagCacheSize = 4096;
    private readonly Dictionary<string, (string? Json, string? Environment, string? CostCenter)> _lifted = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public IReadOnlyCollection<int> Columns { get; }

    public FocusRowMapper(string fileName, ColumnIndex c)
    {
        _file = fileName;
        _header = c.Header;
        _chargePeriodStart = c.Find("ChargePeriodStart");
        _billed = c.Find("BilledCost");
        _effective = c.Find("EffectiveCost");
        _list = c.Find("ListCost");
        _contracted = c.Find("ContractedCost");
        _billingAccountId = c.Find("BillingAccountId");
        _billingAccountName = c.Find("BillingAccountName");
        _subAccountId = c.Find("SubAccountId");
        _subAccountName = c.Find("SubAccountName");
        _resourceGroup = c.Find("x_ResourceGroupName");
        _resourceId = c.Find("ResourceId");
        _resourceName = c.Find("ResourceName");
        _resourceType = c.Find("ResourceType", "x_ResourceType");
        _serviceCategory = c.Find("ServiceCategory");
        _serviceName = c.Find("ServiceName");
        _regionId = c.Find("RegionId", "RegionName");
        _skuId = c.Find("SkuId", "x_SkuMeterId");
        _pricingCategory = c.Find("PricingCategory");
        _chargeCategory = c.Find("ChargeCategory");
        _commitmentId = c.Find("CommitmentDiscountId");
        _currency = c.Find("BillingCurrency");
        _consumedQuantity = c.Find("ConsumedQuantity");
        _consumedUnit = c.Find("ConsumedUnit");
        _tags = c.Find("Tags");
        _costCenter = c.Find("x_CostCenter");
        _provider = c.Find("ProviderName");
        _publisher = c.Find("PublisherName");
        _issuer = c.Find("InvoiceIssuerName");
        _billingPeriodStart = c.Find("BillingPeriodStart");
        _billingPeriodEnd = c.Find("BillingPeriodEnd");
        _chargePeriodEnd = c.Find("ChargePeriodEnd");
        _chargeClass = c.Find("ChargeClass");
        _chargeDescription = c.Find("ChargeDescription");
        _chargeFrequency = c.Find("ChargeFrequency");
        _pricingQuantity = c.Find("PricingQuantity");
        _pricingUnit = c.Find("PricingUnit");
        _commitmentType = c.Find("CommitmentDiscountType");
        _commitmentStatus = c.Find("CommitmentDiscountStatus");
        _skuMeter = c.Find("SkuMeter", "x_SkuMeterName");
        _invoiceId = c.Find("InvoiceId", "x_InvoiceId");
        _pricingCurrency = c.Find("PricingCurrency", "x_PricingCurrency");
        Columns = new[]
        {
            _chargePeriodStart, _billed, _effective, _list, _contracted, _billingAccountId, _billingAccountName, _subAccountId,
            _subAccountName, _resourceGroup, _resourceId, _resourceName, _resourceType, _serviceCategory, _serviceName, _regionId,
            _skuId, _pricingCategory, _chargeCategory, _commitmentId, _currency, _consumedQuantity, _consumedUnit, _tags, _costCenter,
            _provider, _publisher, _issuer, _billingPeriodStart, _billingPeriodEnd, _chargePeriodEnd, _chargeClass, _chargeDescription,
            _chargeFrequency, _pricingQuantity, _pricingUnit, _commitmentType, _commitmentStatus, _skuMeter, _invoiceId, _pricingCurrency,
        }.Where(i => i >= 0).Distinct().ToArray();
    }

    private (string? Json, string? Environment, string? CostCenter) Tags(string? raw)
    {
        if (raw is null) return TagLifter.Lift(raw);
        if (_lifted.TryGetValue(raw, out var lifted)) return lifted;
        lifted = TagLifter.Lift(raw);
        if (_lifted.Count < TagCacheSize) _lifted[raw] = lifted;
        return lifted;
    }

    public ImportedCostRow Map(TabularRow row)
    {
        string? Text(int i) => i < 0 ? null : CellParser.Text(row.Cells[i]);
        decimal Money(int i) => i < 0 ? 0m : CellParser.Money(_file, row, _header[i], row.Cells[i]);
        decimal? Quantity(int i) => i < 0 ? null : CellParser.Quantity(_file, row, _header[i], row.Cells[i]);
        DateOnly? Day(int i) => i < 0 || CellParser.IsNull(row.Cells[i]) ? null : CellParser.Day(_file, row, _header[i], row.Cells[i]);
        DateTimeOffset? At(int i) => i < 0 || CellParser.IsNull(row.Cells[i]) ? null : CellParser.Timestamp(_file, row, _header[i], row.Cells[i]!);

        var chargeStart = CellParser.Required(_file, row, _header[_chargePeriodStart], row.Cells[_chargePeriodStart]);
        var chargeEnd = At(_chargePeriodEnd);
        var resourceId = Text(_resourceId);
        var (tags, environment, costCenter) = Tags(Text(_tags));
        var record = new CostRecord
        {
            Source = ImportSources.File,
            ChargePeriodStart = DateOnly.FromDateTime(chargeStart.UtcDateTime),
            BillingAccountId = Text(_billingAccountId) ?? "",
            SubAccountId = Text(_subAccountId) ?? "",
            SubAccountName = Text(_subAccountName) ?? "",
            ResourceGroup = Text(_resourceGroup) ?? ResourceIdParts.ResourceGroup(resourceId) ?? "",
            ResourceId = resourceId,
            ResourceName = Text(_resourceName),
            ResourceType = Text(_resourceType),
            ServiceCategory = Text(_serviceCategory) ?? "",
            ServiceName = Text(_serviceName) ?? "",
            RegionId = Text(_regionId) ?? "",
            SkuId = Text(_skuId),
            PricingCategory = Text(_pricingCategory) ?? "",
            ChargeCategory = Text(_chargeCategory) ?? "",
            CommitmentDiscountId = Text(_commitmentId),
            BilledCost = Money(_billed),
            EffectiveCost = Money(_effective),
            ListCost = Money(_list),
            BillingCurrency = Text(_currency) ?? "",
            ConsumedQuantity = Quantity(_consumedQuantity),
            ConsumedUnit = Text(_consumedUnit),
            Tags = tags,
            TagEnvironment = environment,
            TagCostCenter = costCenter ?? Text(_costCenter),
            ProviderName = Text(_provider) is { } provider && !string.IsNullOrWhiteSpace(provider) ? provider.Trim() : "Microsoft",
            PublisherName = Text(_publisher),
            InvoiceIssuerName = Text(_issuer),
            BillingAccountName = Text(_billingAccountName),
            BillingPeriodStart = Day(_billingPeriodStart),
            BillingPeriodEnd = Day(_billingPeriodEnd),
            ChargeClass = Text(_chargeClass),
            ChargeDescription = Text(_chargeDescription),
            ChargeFrequency = Text(_chargeFrequency),
            ContractedCost = Money(_contracted),
            PricingQuantity = Quantity(_pricingQuantity),
            PricingUnit = Text(_pricingUnit),
            CommitmentDiscountType = Text(_commitmentType),
            CommitmentDiscountStatus = Text(_commitmentStatus),
            SkuMeterName = Text(_skuMeter),
            InvoiceId = Text(_invoiceId),
        };
        var details = new ImportedCostDetails
        {
            ChargePeriodEnd = chargeEnd,
            SubDaily = chargeStart.TimeOfDay != TimeSpan.Zero || chargeEnd - chargeStart < TimeSpan.FromDays(1),
            PricingCurrency = Text(_pricingCurrency),
        };
        return new ImportedCostRow(record, details, row.Line);
    }
}
