using System.Globalization;
using CostSense.Core.Imports.Formats;

namespace CostSense.Tests.Imports;

/// <summary>
/// The digit-by-digit reading of the timestamps FOCUS exports write on every row gives what the general parser gives,
/// and leaves everything else (other shapes, impossible dates) to it, so its messages are unchanged.
/// </summary>
public class CommonTimestampTests
{
    [Theory]
    [InlineData("2024-09-01T00:00:00Z")]
    [InlineData("2026-10-31T23:59:59Z")]
    [InlineData("2024-02-29T13:05Z")]
    [InlineData("2024-09-01 07:30:15")]
    [InlineData("2024-09-01T07:30:15")]
    [InlineData("2024-12-31")]
    public void CommonShapes_ReadAsTheGeneralParserReadsThem(string text)
    {
        Assert.True(CellParser.TryCommonTimestamp(text, out var fast));
        var general = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        Assert.Equal(general, fast);
        Assert.Equal(TimeSpan.Zero, fast.Offset);
    }

    [Theory]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2024-13-01")]
    [InlineData("2024-09-01T24:00:00Z")]
    [InlineData("2024-09-01T00:00:00+02:00")]
    [InlineData("09/21/2023")]
    [InlineData("2024-09-01T00:00:00.5Z")]
    [InlineData("2024-9-01")]
    public void OtherShapesAndImpossibleDates_AreLeftToTheGeneralParser(string text) =>
        Assert.False(CellParser.TryCommonTimestamp(text, out _));
}
