namespace CostSense.Core.Imports.Formats;

/// <summary>
/// Recognises a cost file from its header (and a manifest's hint): Azure's FocusCost export by its <c>x_</c> columns
/// and version by the 1.2 renames (<c>InvoiceId</c>, <c>PricingCurrency</c>, <c>SkuMeter</c>…); generic FOCUS by
/// <c>ChargePeriodStart</c>/<c>BilledCost</c>/<c>EffectiveCost</c>; classic Cost Management exports by a date and a
/// cost column in any of their spellings (<c>CostInBillingCurrency</c>, <c>Cost</c>, <c>PreTaxCost</c>, camelCase,
/// localised "Name (EnglishName)"). A header that matches none is refused naming the closest format and what it lacks.
/// </summary>
public static class FormatDetector
{
    private static readonly string[] FocusRequired = ["ChargePeriodStart", "BilledCost", "EffectiveCost"];

    /// <summary>The FOCUS columns issue 12 keeps; a FOCUS file lacking some of them imports, and the summary says which.</summary>
    private static readonly string[] FocusKept =
    [
        "BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "BillingAccountId", "BillingAccountName", "BillingCurrency",
        "BillingPeriodStart", "BillingPeriodEnd", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency",
        "ChargePeriodStart", "ChargePeriodEnd", "InvoiceIssuerName", "PricingQuantity", "PricingUnit", "ProviderName",
        "PublisherName", "ServiceCategory", "ServiceName",
    ];

    private static readonly string[] AzureMarkers = ["x_ResourceGroupName", "x_SkuMeterCategory", "x_BillingProfileId", "x_SkuMeterId"];
    private static readonly string[] Focus12Columns = ["InvoiceId", "PricingCurrency"];
    private static readonly string[] Azure12Columns = ["InvoiceId", "PricingCurrency", "SkuMeter", "SkuPriceDetails", "x_AmortizationClass"];
    private static readonly string[] Focus11Columns = ["ServiceSubcategory", "CommitmentDiscountQuantity", "CapacityReservationId", "SkuMeter", "SkuPriceDetails"];
    private static readonly string[] Azure10Versions = ["1.0-preview(v1)", "1.0", "1.0r2"];
    private static readonly string[] Azure12Versions = ["1.2-preview", "1.2"];

    /// <summary>A classic export's charge date, in its spellings (a new array each time: callers cannot change it).</summary>
    internal static ReadOnlySpan<string> ClassicDate => new[] { "Date", "UsageDateTime", "UsageDate" };

    /// <summary>A classic export's cost, in its spellings, first match wins.</summary>
    internal static ReadOnlySpan<string> ClassicCost => new[] { "CostInBillingCurrency", "Cost", "PreTaxCost" };

    private static readonly string[][] ClassicKept =
    [
        ["Date", "UsageDateTime", "UsageDate"], ["CostInBillingCurrency", "Cost", "PreTaxCost"],
        ["BillingCurrencyCode", "BillingCurrency", "Currency"], ["SubscriptionId", "SubscriptionGuid"], ["MeterCategory"],
        ["ResourceId", "InstanceId", "InstanceName"], ["ResourceLocation"], ["ChargeType"], ["BillingAccountId", "BillingProfileId"],
    ];

    /// <summary>Recognises <paramref name="header"/>, or throws <see cref="ImportException"/> naming the closest format.</summary>
    public static DetectedFormat Detect(string fileName, IReadOnlyList<string> header, FormatHint? hint = null) =>
        Detect(fileName, new ColumnIndex(header), hint);

    internal static DetectedFormat Detect(string fileName, ColumnIndex columns, FormatHint? hint)
    {
        if (FocusRequired.All(c => columns.Has(c)))
            return DetectFocus(columns, hint);
        if (columns.Has(ClassicDate) && columns.Has(ClassicCost))
            return DetectClassic(fileName, columns, hint);

        var focusMatched = FocusKept.Count(c => columns.Has(c));
        var classicMatched = ClassicKept.Count(c => columns.Has(c));
        var (closest, lacking) = classicMatched > focusMatched
            ? ("a classic Cost Management export (EA/MCA actual or amortized cost)",
                new[] { ClassicDate.ToArray(), ClassicCost.ToArray() }.Where(a => !columns.Has(a)).Select(a => string.Join(" or ", a)))
            : ("FOCUS 1.0", FocusRequired.Where(c => !columns.Has(c)));
        throw new ImportException(fileName,
            $"the header matches no cost format CostSense reads; the closest is {closest}, which needs {string.Join(", ", lacking)}");
    }

    private static DetectedFormat DetectFocus(ColumnIndex columns, FormatHint? hint)
    {
        var missing = FocusKept.Where(c => !columns.Has(c)).ToArray();
        var hinted = hint?.DataVersion?.Trim();
        if (AzureMarkers.Any(c => columns.Has(c)))
        {
            var is12 = Azure12Columns.Any(c => columns.Has(c));
            var known = is12 ? Azure12Versions : Azure10Versions;
            // The header tells 1.0 from 1.2 (the renames); within a family only the manifest's dataVersion can tell.
            var version = known.FirstOrDefault(v => string.Equals(v, hinted, StringComparison.OrdinalIgnoreCase))
                ?? (is12 ? "1.2-preview" : "1.0");
            return new DetectedFormat(CostFormatKind.AzureFocusCost, version, $"Azure FocusCost export {version}", missing);
        }
        var focusVersion = Focus12Columns.Any(c => columns.Has(c)) ? "1.2" : Focus11Columns.Any(c => columns.Has(c)) ? "1.1" : "1.0";
        return new DetectedFormat(CostFormatKind.Focus, focusVersion, $"FOCUS {focusVersion}", missing);
    }

    private static DetectedFormat DetectClassic(string fileName, ColumnIndex columns, FormatHint? hint)
    {
        // Actual and amortized exports have the same header: the manifest's type says which, else the file's name.
        var type = hint?.Type?.Trim();
        var amortized = type is not null
            ? type.Contains("Amortized", StringComparison.OrdinalIgnoreCase)
            : fileName.Contains("amortized", StringComparison.OrdinalIgnoreCase);
        var agreement = columns.Has("PreTaxCost") ? "PAYG (legacy)"
            : columns.Has("AccountOwnerId") ? "EA"
            : columns.Has("BillingProfileId", "partnerName", "customerTenantId") ? "MCA"
            : "unknown agreement";
        var kind = amortized ? CostFormatKind.ClassicAmortized : CostFormatKind.ClassicActual;
        var missing = ClassicKept.Where(a => !columns.Has(a)).Select(a => a[0]).ToArray();
        return new DetectedFormat(kind, agreement,
            $"Cost Management {(amortized ? "amortized" : "actual")} cost export ({agreement})", missing);
    }
}
