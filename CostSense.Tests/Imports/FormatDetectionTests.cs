using CostSense.Core.Imports;
using CostSense.Core.Imports.Formats;

namespace CostSense.Tests.Imports;

/// <summary>Generated files for each FOCUS version Azure writes and for generic FOCUS; hints; unknown headers.</summary>
public class FormatDetectionTests
{
    private static Dictionary<string, string> AzureRow(string chargePeriodStart, string invoiceColumn, string pricingCurrencyColumn) => new()
    {
        ["ChargePeriodStart"] = chargePeriodStart, ["ChargePeriodEnd"] = chargePeriodStart, ["BilledCost"] = "10.5",
        ["EffectiveCost"] = "9.25", ["BillingCurrency"] = "EUR", ["BillingAccountId"] = "/providers/Microsoft.Billing/billingAccounts/1",
        ["SubAccountId"] = "/subscriptions/s1", ["SubAccountName"] = "Prod", ["ServiceName"] = "Virtual Machines",
        ["ServiceCategory"] = "Compute", ["RegionId"] = "westeurope", ["ChargeCategory"] = "Usage", ["ProviderName"] = "Microsoft",
        ["ResourceId"] = "/subscriptions/s1/resourceGroups/rg-from-id/providers/Microsoft.Compute/virtualMachines/vm1",
        ["x_ResourceGroupName"] = "rg-app", [invoiceColumn] = "INV-1", [pricingCurrencyColumn] = "USD",
    };

    [Theory]
    [InlineData(null, "2024-01-01T00:00Z", "1.0")]              // 1.0 dates have no seconds
    [InlineData("1.0", "2024-01-01T00:00Z", "1.0")]
    [InlineData("1.0r2", "2024-01-01T00:00:00Z", "1.0r2")]      // 1.0r2 has them
    [InlineData("1.0-preview(v1)", "2024-01-01T00:00Z", "1.0-preview(v1)")]
    [InlineData("1.2-preview", "2024-01-01T00:00:00Z", "1.0")]  // a hint the header contradicts: the header wins
    public async Task FocusCost10Family_IsRecognised_AndReadsTheXSpellings(string? dataVersion, string at, string expected)
    {
        var header = GeneratedCsv.FocusCostHeader("FocusCost_1.0.json");
        var text = GeneratedCsv.Write(header, AzureRow(at, "x_InvoiceId", "x_PricingCurrency"));

        var (format, rows) = await CostFiles.ReadTextAsync("part_0_0001.csv", text, new FormatHint("FocusCost", dataVersion));

        Assert.Equal((CostFormatKind.AzureFocusCost, expected), (format.Kind, format.Version));
        Assert.Empty(format.MissingColumns);
        var row = Assert.Single(rows);
        Assert.Equal(new DateOnly(2024, 1, 1), row.Record.ChargePeriodStart);
        Assert.Equal((10.5m, 9.25m, "EUR"), (row.Record.BilledCost, row.Record.EffectiveCost, row.Record.BillingCurrency));
        Assert.Equal("rg-app", row.Record.ResourceGroup);
        Assert.Equal(("INV-1", "USD"), (row.Record.InvoiceId, row.Details.PricingCurrency));
    }

    [Theory]
    [InlineData(null, "1.2-preview")]
    [InlineData("1.2-preview", "1.2-preview")]
    [InlineData("1.2", "1.2")]
    [InlineData("1.0r2", "1.2-preview")]
    public async Task FocusCost12_IsRecognisedByItsRenames_AndReadsTheNewSpellings(string? dataVersion, string expected)
    {
        var header = GeneratedCsv.FocusCostHeader("FocusCost_1.2-preview.json");
        var text = GeneratedCsv.Write(header, AzureRow("2025-07-01T00:00:00Z", "InvoiceId", "PricingCurrency"));

        var (format, rows) = await CostFiles.ReadTextAsync("part_1.csv", text, new FormatHint("FocusCost", dataVersion));

        Assert.Equal((CostFormatKind.AzureFocusCost, expected), (format.Kind, format.Version));
        Assert.Equal(("INV-1", "USD"), (Assert.Single(rows).Record.InvoiceId, rows[0].Details.PricingCurrency));
    }

    [Theory]
    [InlineData("", "1.0")]
    [InlineData(",ServiceSubcategory,CommitmentDiscountQuantity", "1.1")]
    [InlineData(",ServiceSubcategory,InvoiceId,PricingCurrency", "1.2")]
    public async Task GenericFocus_VersionFollowsTheColumnsItAdded(string extra, string version)
    {
        var header = ("ProviderName,BillingAccountId,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost," +
                      "ServiceName,ServiceCategory,ResourceId" + extra).Split(',');
        var text = GeneratedCsv.Write(header, new Dictionary<string, string>
        {
            ["ProviderName"] = "AWS", ["BillingCurrency"] = "USD", ["ChargePeriodStart"] = "2024-09-01 13:00:00",
            ["ChargePeriodEnd"] = "2024-09-01 14:00:00", ["BilledCost"] = "1", ["EffectiveCost"] = "1",
        });

        var (format, rows) = await CostFiles.ReadTextAsync("focus.csv", text);

        Assert.Equal((CostFormatKind.Focus, version, $"FOCUS {version}"), (format.Kind, format.Version, format.Name));
        Assert.Equal("AWS", Assert.Single(rows).Record.ProviderName);
    }

    [Fact]
    public async Task UnknownHeader_IsRefusedNamingTheClosestFormatAndWhatItLacks()
    {
        var e = await CostFiles.RefusedAsync("x.csv", "BillingAccountId,BillingCurrency,ServiceName,Cost2\n1,USD,VM,3\n");

        Assert.Null(e.Line);
        Assert.Equal("x.csv: the header matches no cost format CostSense reads; the closest is FOCUS 1.0, which needs ChargePeriodStart, BilledCost, EffectiveCost", e.Message);
    }

    [Fact]
    public async Task ClassicLookingHeaderWithoutCost_IsRefusedNamingTheClassicExport()
    {
        var e = await CostFiles.RefusedAsync("x.csv", "SubscriptionId,Date,MeterCategory,ResourceLocation,ChargeType\ns,09/01/2023,VM,eastus,Usage\n");

        Assert.Equal("the header matches no cost format CostSense reads; the closest is a classic Cost Management export (EA/MCA actual or amortized cost), which needs CostInBillingCurrency or Cost or PreTaxCost", e.Reason);
    }

    [Theory]
    [InlineData("AmortizedCost", "export.csv", CostFormatKind.ClassicAmortized)]
    [InlineData("ActualCost", "amortized.csv", CostFormatKind.ClassicActual)]
    [InlineData(null, "Detail_amortized_202309.csv", CostFormatKind.ClassicAmortized)]
    [InlineData(null, "Detail_202309.csv", CostFormatKind.ClassicActual)]
    public void Classic_ActualOrAmortized_ComesFromTheManifestTypeElseTheFileName(string? type, string file, CostFormatKind kind)
    {
        var format = FormatDetector.Detect(file, ["Date", "CostInBillingCurrency", "BillingCurrencyCode", "AccountOwnerId"], new FormatHint(type, null));

        Assert.Equal((kind, "EA"), (format.Kind, format.Version));
    }
}
