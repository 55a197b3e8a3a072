using System.Globalization;
using CostSense.Core.Csv;
using CostSense.Core.Recommendations;
using CostSense.Tests.Components;

namespace CostSense.Tests.Security;

/// <summary>
/// CSV downloads carry imported text: a cell a spreadsheet would run as a formula is written as text, and amounts stay
/// numbers (a refund's minus sign is not a formula).
/// </summary>
public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"")]
    [InlineData("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    public void Text_StartingAFormula_IsPrefixedWithAQuote_AndStillQuotedPerRfc4180(string value, string cell) =>
        Assert.Equal(cell, CsvCell.Text(value));

    [Theory]
    [InlineData("vm-web-01", "vm-web-01")]
    [InlineData("a=b", "a=b")]
    [InlineData("costcenter: 4-100", "costcenter: 4-100")]
    [InlineData("rg, with comma", "\"rg, with comma\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void OrdinaryText_IsUnchanged_ApartFromRfc4180Quoting(string? value, string cell) =>
        Assert.Equal(cell, CsvCell.Text(value));

    [Fact]
    public async Task RecommendationExport_WithAMaliciousResourceName_NeutralisesTextCells_AndKeepsNegativeAmountsNumbers()
    {
        var ct = TestContext.Current.CancellationToken;
        var evil = RecommendationSamples.Vm("=cmd|' /C calc'!A0", -12.5m);
        evil.ResourceGroup = "@rg";
        evil.Rationale = "-1+1 looked idle";
        evil.Command = "+az vm deallocate";
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);

        var count = await RecommendationCsv.WriteAsync(One(evil), writer, ct);

        var lines = writer.ToString().ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, count);
        var header = lines[0].Split(',');
        var cells = lines[1].Split(',');   // no cell of this row holds a comma
        Assert.Equal(header.Length, cells.Length);
        string Cell(string column) => cells[Array.IndexOf(header, column)];
        Assert.Equal("'=cmd|' /C calc'!A0", Cell("Resource"));
        Assert.Equal("'@rg", Cell("ResourceGroup"));
        Assert.Equal("'-1+1 looked idle", Cell("Rationale"));
        Assert.Equal("'+az vm deallocate", Cell("Command"));
        // Money is written as numbers: the negative savings and the annual figure stay plain numbers a sum adds.
        Assert.Equal("-12.50", Cell("MonthlySavings"));
        Assert.Equal("-150.00", Cell("AnnualSavings"));
        Assert.Equal("292.50", Cell("ProjectedMonthlyCost"));
        // No text cell of the row can start a formula.
        Assert.DoesNotContain(cells, c => c.Length > 0 && c[0] is '=' or '+' or '@' or '\t' or '\r');
    }

    private static async IAsyncEnumerable<Core.Data.Entities.Recommendation> One(Core.Data.Entities.Recommendation r)
    {
        await Task.Yield();
        yield return r;
    }
}
