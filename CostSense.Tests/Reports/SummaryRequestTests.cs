using CostSense.Core.Reports;

namespace CostSense.Tests.Reports;

/// <summary>The URL's parameters: each malformed value gets its own plain message; none means month to date.</summary>
public sealed class SummaryRequestTests
{
    private static readonly DateOnly Anchor = new(2026, 11, 27);

    [Fact]
    public void NoDates_IsMonthToDateAtTheAnchor()
    {
        var request = SummaryRequest.TryParse(null, null, " sub-1 ", Anchor, out var error);

        Assert.Null(error);
        Assert.Equal(new SummaryRequest(new DateOnly(2026, 11, 1), Anchor, "sub-1"), request);
    }

    [Fact]
    public void BothDates_AreTheRange()
    {
        var request = SummaryRequest.TryParse("2026-10-01", "2026-10-31", "", Anchor, out var error);

        Assert.Null(error);
        Assert.Equal(new SummaryRequest(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), request);
    }

    [Theory]
    [InlineData("2026-10-01", null, "Give both 'from' and 'to'")]
    [InlineData(null, "2026-10-01", "Give both 'from' and 'to'")]
    [InlineData("10/01/2026", "2026-10-31", "'from' must be a date as yyyy-MM-dd, not '10/01/2026'")]
    [InlineData("2026-10-01", "2026-02-30", "'to' must be a date as yyyy-MM-dd, not '2026-02-30'")]
    [InlineData("2026-10-31", "2026-10-01", "The range ends (2026-10-01) before it starts (2026-10-31)")]
    [InlineData("2025-01-01", "2026-10-31", "A summary covers at most 366 days; 2025-01-01 to 2026-10-31 is 669")]
    public void Malformed_IsRefusedWithItsReason(string? from, string? to, string expected)
    {
        var request = SummaryRequest.TryParse(from, to, null, Anchor, out var error);

        Assert.Null(request);
        Assert.StartsWith(expected, error);
    }
}
