using CostSense.Core.Imports;

namespace CostSense.Tests.Imports;

/// <summary>Cell parsing and mapping: exact decimals, nulls, timestamps, resource groups, tags, and bad cells refused at their line and column.</summary>
public class RowMappingTests
{
    private const string Header = "ChargePeriodStart,BilledCost,EffectiveCost,ListCost,BillingCurrency,ResourceId,Tags\n";

    [Fact]
    public async Task Money_IsExact_WithScientificNotationNegativesQuotedNumbersAndNulls()
    {
        var text = Header +
                   "2024-09-01 00:00:00,5.64902E-05,\"0.0000004\",NULL,USD,,\n" +
                   "2024-09-01 01:00:00,-1.25,-1.25,,USD,,\n" +
                   "2024-09-01 02:00:00,0.1,0.2,null,USD,,\n";

        var (_, rows) = await CostFiles.ReadTextAsync("f.csv", text);

        Assert.Equal([0.0000564902m, -1.25m, 0.1m], rows.Select(r => r.Record.BilledCost));
        Assert.Equal(0.0000004m - 1.25m + 0.2m, rows.Effective());
        Assert.All(rows, r => Assert.Equal(0m, r.Record.ListCost));
    }

    [Fact]
    public async Task HourlyRows_StayRows_OnTheirChargePeriodStartDay()
    {
        var text = Header + "2024-09-30 23:00:00,1,1,1,USD,,\n2024-09-30T22:00Z,2,2,2,USD,,\n2024-10-01T00:00:00Z,4,4,4,USD,,\n";

        var (_, rows) = await CostFiles.ReadTextAsync("f.csv", text);

        Assert.Equal([new DateOnly(2024, 9, 30), new DateOnly(2024, 9, 30), new DateOnly(2024, 10, 1)], rows.Select(r => r.Record.ChargePeriodStart));
    }

    [Fact]
    public async Task ResourceGroup_IsParsedFromTheResourceId_WhenTheFileHasNoResourceGroupColumn()
    {
        var text = Header + "2024-09-01,1,1,1,USD,/subscriptions/s/resourceGroups/RG-Data/providers/Microsoft.Storage/storageAccounts/st1,\n";

        var (_, rows) = await CostFiles.ReadTextAsync("f.csv", text);

        Assert.Equal("RG-Data", Assert.Single(rows).Record.ResourceGroup);
    }

    [Theory]
    [InlineData("{\"environment\": \"prod\", \"cost-center\": \"cc-42\"}", "prod", "cc-42")]   // the demo tenant's keys
    [InlineData("{\"Env\": \"dev\", \"CostCenter\": \"1234\"}", "dev", "1234")]
    [InlineData("\"env\": \"test\",\"cost_center\": \"77\"", "test", "77")]                       // EA's form without braces
    [InlineData("not json", null, null)]
    public async Task Tags_AreKept_AndEnvironmentAndCostCenterLifted(string tags, string? environment, string? costCenter)
    {
        var text = Header + "2024-09-01,1,1,1,USD,,\"" + tags.Replace("\"", "\"\"") + "\"\n";

        var (_, rows) = await CostFiles.ReadTextAsync("f.csv", text);

        var record = Assert.Single(rows).Record;
        Assert.Equal((environment, costCenter), (record.TagEnvironment, record.TagCostCenter));
        Assert.NotNull(record.Tags);
    }

    [Theory]
    [InlineData("0.12345678901234567890123456789")]        // 29 significant digits: decimal.Parse would round the last
    [InlineData("1.5E-30")]                                // past 28 decimals: it would become 0
    [InlineData("123456789012345678901234567.891")]
    public async Task NumberWithMoreDigitsThanADecimalKeeps_IsRefusedNotRounded(string cost)
    {
        var text = Header + $"2024-09-01,{cost},1,1,USD,,\n";

        var e = await CostFiles.RefusedAsync("costs.csv", text);

        Assert.Equal((2L, "BilledCost", cost), (e.Line, e.Column, e.Value));
        Assert.Contains("more significant digits than a decimal keeps exactly", e.Message);
    }

    [Theory]
    [InlineData("5.64902E-05", "0.0000564902")]
    [InlineData("-1.25e+2", "-125")]
    [InlineData("0.1000000000000000000000000000000000", "0.1")]   // trailing zeros add no digits
    [InlineData("1234567890123456789.012345678", "1234567890123456789.012345678")]   // 28 digits: exact
    public async Task LongOrScientificNumbers_ThatADecimalHolds_AreKeptExactly(string cost, string expected)
    {
        var (_, rows) = await CostFiles.ReadTextAsync("f.csv", Header + $"2024-09-01,{cost},1,1,USD,,\n");

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(rows).Record.BilledCost);
    }

    [Fact]
    public async Task BadNumber_IsRefusedWithFileLineColumnValueAndReason()
    {
        var text = Header + "2024-09-01,1,1,1,USD,,\n2024-09-01,\"1,5\",1,1,USD,,\n";

        var e = await CostFiles.RefusedAsync("costs.csv", text);

        Assert.Equal((3L, "BilledCost", "1,5"), (e.Line, e.Column, e.Value));
        Assert.StartsWith("costs.csv, line 3, column BilledCost, value '1,5': not a number", e.Message);
    }

    [Theory]
    [InlineData("2024-13-01", "2024-13-01")]
    [InlineData("yesterday", "yesterday")]
    [InlineData("", "")]
    public async Task BadDate_IsRefusedAtItsLineAndColumn(string cell, string value)
    {
        var text = Header + "2024-09-01,1,1,1,USD,,\n2024-09-02,1,1,1,USD,,\n" + cell + ",1,1,1,USD,,\n";

        var e = await CostFiles.RefusedAsync("costs.csv", text);

        Assert.Equal((4L, "ChargePeriodStart", value), (e.Line, e.Column, e.Value));
    }

    [Fact]
    public async Task ClassicDates_AreUsMonthFirst()
    {
        var text = "Date,CostInBillingCurrency,BillingCurrencyCode\n09/02/2023,1,CAD\n9/3/2023,1,CAD\n";

        var (_, rows) = await CostFiles.ReadTextAsync("ea.csv", text);

        Assert.Equal([new DateOnly(2023, 9, 2), new DateOnly(2023, 9, 3)], rows.Select(r => r.Record.ChargePeriodStart));
    }
}
