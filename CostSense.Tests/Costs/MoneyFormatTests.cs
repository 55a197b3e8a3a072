using System.Globalization;
using CostSense.Core.Money;

namespace CostSense.Tests.Costs;

public class MoneyFormatTests
{
    [Theory]
    [InlineData(96.36, "USD", "$96.36")]
    [InlineData(12345.675, "USD", "$12,345.68")]
    [InlineData(-3.5, "EUR", "-€3.50")]
    [InlineData(1.26136926505726, "CAD", "CA$1.26")]
    [InlineData(10, "XYZ", "XYZ 10.00")]
    [InlineData(-0.001, "USD", "$0.00")]
    public void Format_UsesTheBillingCurrencyWhateverTheCulture(double amount, string currency, string expected)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try { Assert.Equal(expected, MoneyFormat.Format((decimal)amount, currency)); }
        finally { CultureInfo.CurrentCulture = previous; }
    }

    [Theory]
    [InlineData(1_250_000, "$1.25M")]
    [InlineData(23_790.82, "$23.8K")]
    [InlineData(1_234.5, "$1,235")]
    [InlineData(12.3, "$12.30")]
    [InlineData(500, "$500")]
    [InlineData(0, "$0")]
    public void Compact_ShortensLargeAmounts(double amount, string expected) =>
        Assert.Equal(expected, MoneyFormat.Compact((decimal)amount, "USD"));

    [Fact]
    public void Percent_SignsIncreasesAndSaysWhenThereIsNothingToCompare()
    {
        Assert.Equal("+5.5%", MoneyFormat.Percent(5.5m));
        Assert.Equal("-12.3%", MoneyFormat.Percent(-12.3m));
        Assert.Equal("n/a", MoneyFormat.Percent(null));
    }
}
