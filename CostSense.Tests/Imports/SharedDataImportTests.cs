using CostSense.Core.Imports;
using CostSense.Core.Imports.Formats;

namespace CostSense.Tests.Imports;

/// <summary>
/// Every cost-bearing file under shared/data imports with the row count and totals SOURCES.md gives, to the last
/// decimal (sums of the mapped records), or is refused with the line, column and reason; reference tables are refused.
/// </summary>
public class SharedDataImportTests
{
    [Fact]
    public async Task FocusSample_ImportsEveryProvidersRows_WithSourcesTotals()
    {
        var (format, rows) = await CostFiles.ReadFileAsync(SharedData.File("focus_sample.csv"));

        Assert.Equal(CostFormatKind.Focus, format.Kind);
        Assert.Equal("1.0", format.Version);
        Assert.Equal(1000, rows.Count);
        Assert.Equal(20.52022672899m, rows.Billed());
        Assert.Equal(14.97651418586m, rows.Effective());
        Assert.Equal(20.39090575119m, rows.Sum(r => r.Record.ListCost));
        Assert.Equal(14.97626039326m, rows.Sum(r => r.Record.ContractedCost));
        var byProvider = rows.GroupBy(r => r.Record.ProviderName).ToDictionary(g => g.Key, g => (g.Count(), g.Billed(), g.Effective()));
        Assert.Equal((51, 1.97651418586m, 1.97651418586m), byProvider["Microsoft"]);
        Assert.Equal((942, 18.00663861840m, 13.00000000000m), byProvider["AWS"]);
        Assert.Equal((7, 0.53707392473m, 0m), byProvider["Oracle"]);
        Assert.Equal(new DateOnly(2024, 9, 1), rows.Min(r => r.Record.ChargePeriodStart));
        Assert.Equal(new DateOnly(2024, 9, 30), rows.Max(r => r.Record.ChargePeriodStart));
        Assert.Equal(997, rows.Count(r => r.Record.ChargeCategory == "Usage"));
        Assert.All(rows, r => Assert.Equal("USD", r.Record.BillingCurrency));
    }

    [Fact]
    public async Task EaActualCost_BillsEveryRow_AndLeavesTheReservationPurchaseOutOfEffectiveCost()
    {
        var (format, rows) = await CostFiles.ReadFileAsync(SharedData.File("EA_ActualCost_Small.csv"));

        Assert.Equal(CostFormatKind.ClassicActual, format.Kind);
        Assert.Equal("EA", format.Version);
        Assert.Equal(11, rows.Count);
        Assert.Equal(8.5450077867419368m, rows.Billed());                 // ΣCost in SOURCES.md
        Assert.Equal(8.5450077867419368m - 3.25m, rows.Effective());      // the 3.25 reservation purchase is amortized
        var purchase = Assert.Single(rows, r => r.Record.ChargeCategory == "Purchase");
        Assert.Equal((3.25m, 0m), (purchase.Record.BilledCost, purchase.Record.EffectiveCost));
        Assert.Equal(new DateOnly(2023, 9, 4), rows.Min(r => r.Record.ChargePeriodStart));
        Assert.Equal(new DateOnly(2023, 9, 21), rows.Max(r => r.Record.ChargePeriodStart));
    }

    [Fact]
    public async Task EaActualCost_NamesServicesAsFocusDoes_ThroughTheToolkitsServiceMapping()
    {
        var (_, rows) = await CostFiles.ReadFileAsync(SharedData.File("EA_ActualCost_Small.csv"));

        // Services.csv: (microsoft.storage, microsoft.storage/storageaccounts) -> Storage Accounts / Storage, and so on.
        var storage = rows.Where(r => r.Record.ResourceId?.Contains("/Microsoft.Storage/storageAccounts/", StringComparison.OrdinalIgnoreCase) == true).ToList();
        Assert.Equal(2, storage.Count);
        Assert.All(storage, r => Assert.Equal(("Storage Accounts", "Storage", "Microsoft.Storage/storageAccounts"),
            (r.Record.ServiceName, r.Record.ServiceCategory, r.Record.ResourceType)));
        var purchase = Assert.Single(rows, r => r.Record.ChargeCategory == "Purchase");
        Assert.Equal(("Azure Reservations", "Management and Governance"), (purchase.Record.ServiceName, purchase.Record.ServiceCategory));
    }

    [Fact]
    public async Task EaAmortizedCost_IsEffectiveOnEveryRow_AndCommitmentUsageIsNotBilledAgain()
    {
        var (format, rows) = await CostFiles.ReadFileAsync(SharedData.File("EA_AmortizedCost_Small.csv"));

        Assert.Equal(CostFormatKind.ClassicAmortized, format.Kind);
        Assert.Equal(28, rows.Count);
        Assert.Equal(16.29693213663664462748541900m, rows.Effective());   // ΣCost in SOURCES.md
        // Minus the Reservation (0.493152) and SavingsPlan (0.006000000468) usage rows, billed by their purchases.
        Assert.Equal(16.29693213663664462748541900m - 0.493152m - 0.006000000468m, rows.Billed());
        Assert.Equal(2, rows.Count(r => r.Record.PricingCategory == "Committed" && r.Record.CommitmentDiscountId is not null));
    }

    [Fact]
    public async Task EaAmortizedCost_ReadAsActualByItsManifest_BillsEveryRow()
    {
        var (format, rows) = await CostFiles.ReadFileAsync(SharedData.File("EA_AmortizedCost_Small.csv"), new FormatHint("ActualCost", null));

        Assert.Equal(CostFormatKind.ClassicActual, format.Kind);
        Assert.Equal(16.29693213663664462748541900m, rows.Billed());
    }

    [Fact]
    public async Task EaNoRows_ImportsZeroRows()
    {
        var (format, rows) = await CostFiles.ReadFileAsync(SharedData.File("EA_NoRows.csv"));

        Assert.Equal(CostFormatKind.ClassicActual, format.Kind);
        Assert.Empty(rows);
    }

    [Fact]
    public async Task AnonymousEaExport_ReadsScientificNotationExactly_InCad()
    {
        var (format, rows) = await CostFiles.ReadFileAsync(SharedData.File("sample-anonymous-ea-export-dataset.csv"));

        Assert.Equal(CostFormatKind.ClassicActual, format.Kind);
        Assert.Equal(27, rows.Count);
        Assert.Equal(1.26136926505726m, rows.Billed());
        Assert.Equal(1.26136926505726m, rows.Effective());
        Assert.All(rows, r => Assert.Equal("CAD", r.Record.BillingCurrency));
        Assert.All(rows, r => Assert.Equal(new DateOnly(2023, 9, 2), r.Record.ChargePeriodStart));
        Assert.Equal(3, rows.Count(r => r.Record.PricingCategory == "Dynamic"));
    }

    [Theory]
    [InlineData("commitment_discount_purchase_scenario_1.csv", 1, "8760.00", "0.00")]
    [InlineData("commitment_discount_usage_scenario_1.csv", 1, "0.00", "1.00")]
    [InlineData("commitment_discount_usage_scenario_2.csv", 1, "0.00", "1.00")]
    [InlineData("commitment_discount_usage_scenario_3.csv", 2, "0.00", "1.00")]
    [InlineData("commitment_discount_usage_scenario_4.csv", 2, "0.50", "1.50")]
    [InlineData("one_hundred_percent_utilization_with_commitment_discount_flexibility_with_1_resource.csv", 3, "2.75", "2.75")]
    [InlineData("one_hundred_percent_utilization_with_commitment_discount_flexibility_with_2_resources.csv", 3, "2.00", "2.00")]
    [InlineData("one_hundred_percent_utilization_without_commitment_discount_flexibility.csv", 2, "1.50", "1.50")]
    [InlineData("zero_percent_utilization_without_commitment_discount_flexibility.csv", 3, "3.50", "3.50")]
    public async Task FocusSpecExamples_ImportWithTheSpecsGoldenTotals(string file, int count, string billed, string effective)
    {
        var (format, rows) = await CostFiles.ReadFileAsync(SharedData.File(Path.Combine("focus-spec-examples", file)));

        Assert.Equal(CostFormatKind.Focus, format.Kind);
        Assert.Contains("BillingCurrency", format.MissingColumns);   // hand-made illustrations, not exports
        Assert.Equal(count, rows.Count);
        Assert.Equal(decimal.Parse(billed, System.Globalization.CultureInfo.InvariantCulture), rows.Billed());
        Assert.Equal(decimal.Parse(effective, System.Globalization.CultureInfo.InvariantCulture), rows.Effective());
    }

    [Theory]
    [InlineData("commitment_discount_purchase_scenario_2.csv", 4)]
    [InlineData("commitment_discount_purchase_scenario_3.csv", 5)]
    public async Task FocusSpecExamples_WithHour30_AreRefusedAtThatCell(string file, long line)
    {
        var e = await Assert.ThrowsAsync<ImportException>(() =>
            CostFiles.ReadFileAsync(SharedData.File(Path.Combine("focus-spec-examples", file))));

        Assert.Equal((file, line, "ChargePeriodEnd", "2023-02-01T30:00:00Z"), (e.FileName, e.Line, e.Column, e.Value));
        Assert.StartsWith("not a date", e.Reason);
    }

    [Theory]
    [InlineData("headersets/BOM.csv", "PAYG (legacy)", "0")]
    [InlineData("headersets/Enterprise.csv", "EA", "0")]
    [InlineData("headersets/EnterpriseCamel.csv", "MCA", "0.012")]
    [InlineData("headersets/German.csv", "PAYG (legacy)", "0.075")]
    [InlineData("headersets/PayAsYouGo.csv", "PAYG (legacy)", "0.075")]
    [InlineData("headersets/YA.csv", "unknown agreement", "0.075")]
    [InlineData("values/MissingBrackets.csv", "unknown agreement", "4")]
    [InlineData("values/VirtualMachine.csv", "unknown agreement", "4")]
    public async Task OpenCostHeaderDialects_ImportTheirOneRow(string file, string agreement, string cost)
    {
        var (format, rows) = await CostFiles.ReadFileAsync(SharedData.File(Path.Combine("opencost-azure-billingexports", file)));

        Assert.Equal(CostFormatKind.ClassicActual, format.Kind);
        Assert.Equal(agreement, format.Version);
        var row = Assert.Single(rows);
        Assert.Equal(decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture), row.Record.BilledCost);
        Assert.Equal(row.Record.BilledCost, row.Record.EffectiveCost);
    }

    [Fact]
    public async Task OpenCostTemplate_WithTenFieldsUnderAnElevenColumnHeader_IsRefusedAtLine2()
    {
        var e = await Assert.ThrowsAsync<ImportException>(() =>
            CostFiles.ReadFileAsync(SharedData.File(Path.Combine("opencost-azure-billingexports", "values", "Template.csv"))));

        Assert.Equal((2L, "resourcelocation"), (e.Line, e.Column));
        Assert.Equal("the row has 10 fields but the header has 11", e.Reason);
    }

    [Theory]
    [InlineData("Regions.csv")]
    [InlineData("PricingUnits.csv")]
    [InlineData("Services.csv")]
    [InlineData("azure_vm_prices.csv")]
    public async Task ReferenceTables_AreRefusedAsNotCostData(string file)
    {
        var e = await Assert.ThrowsAsync<ImportException>(() => CostFiles.ReadFileAsync(SharedData.File(file)));

        Assert.Null(e.Line);
        Assert.Contains("matches no cost format", e.Reason);
        Assert.Contains("closest is", e.Reason);
    }
}
