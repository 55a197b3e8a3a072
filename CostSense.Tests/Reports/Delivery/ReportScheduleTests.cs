using CostSense.Core.Data.Entities;
using CostSense.Core.Reports.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace CostSense.Tests.Reports.Delivery;

/// <summary>
/// Due times (weekly on Mondays, monthly on the 1st, at the send hour, UTC) and the days a sent summary covers, at the
/// boundaries where calendars go wrong: week and month ends, Dec→Jan, leap years, the send hour itself.
/// </summary>
public sealed class ReportScheduleTests
{
    private static DateTimeOffset Utc(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    public static TheoryData<string, string, string> NextDue => new()
    {
        // frequency, after, next due (send hour 6)
        { "Weekly", "2026-11-30T05:59", "2026-11-30T06:00" },   // a Monday before the hour: today
        { "Weekly", "2026-11-30T06:00", "2026-12-07T06:00" },   // exactly at the hour: that one is taken, next week
        { "Weekly", "2026-11-29T23:00", "2026-11-30T06:00" },   // Sunday night
        { "Weekly", "2026-12-29T10:00", "2027-01-04T06:00" },   // Dec → Jan
        { "Weekly", "2028-02-27T12:00", "2028-02-28T06:00" },   // leap year, Monday 28 Feb
        { "Monthly", "2026-11-30T23:59", "2026-12-01T06:00" },
        { "Monthly", "2026-12-01T06:00", "2027-01-01T06:00" },  // Dec → Jan
        { "Monthly", "2026-12-01T05:00", "2026-12-01T06:00" },
        { "Monthly", "2028-02-29T06:00", "2028-03-01T06:00" },  // leap day
        { "Monthly", "2026-01-31T12:00", "2026-02-01T06:00" },
    };

    [Theory]
    [MemberData(nameof(NextDue))]
    public void NextAfter_IsTheFirstMondayOrFirstOfMonth_AtTheSendHour_StrictlyAfter(string frequency, string after, string expected)
    {
        var next = ReportSchedule.NextAfter(Enum.Parse<ReportFrequency>(frequency), DateTimeOffset.Parse(after + "Z"), 6);
        Assert.Equal(DateTimeOffset.Parse(expected + "Z"), next);
        Assert.Equal(TimeSpan.Zero, next.Offset);
    }

    [Fact]
    public void LatestAtOrBefore_PicksTheLastMissedOccurrence_OnlyOne()
    {
        // Down from Monday 2 Nov to Wednesday 25 Nov: the weekly report due on 23 Nov is the one sent.
        Assert.Equal(Utc(2026, 11, 23, 6), ReportSchedule.LatestAtOrBefore(ReportFrequency.Weekly, Utc(2026, 11, 25, 14), 6));
        Assert.Equal(Utc(2026, 11, 23, 6), ReportSchedule.LatestAtOrBefore(ReportFrequency.Weekly, Utc(2026, 11, 23, 6), 6));
        Assert.Equal(Utc(2026, 11, 16, 6), ReportSchedule.LatestAtOrBefore(ReportFrequency.Weekly, Utc(2026, 11, 23, 5, 59), 6));
        Assert.Equal(Utc(2026, 12, 1, 6), ReportSchedule.LatestAtOrBefore(ReportFrequency.Monthly, Utc(2027, 1, 1, 5), 6));
        Assert.Equal(Utc(2027, 1, 1, 6), ReportSchedule.LatestAtOrBefore(ReportFrequency.Monthly, Utc(2027, 3, 1, 5), 6).AddMonths(-1));
        // A non-UTC clock reading is the same instant.
        Assert.Equal(Utc(2026, 11, 30, 6), ReportSchedule.LatestAtOrBefore(ReportFrequency.Weekly, new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(2)), 6));
    }

    [Fact]
    public void OnAFakeClock_TheNextDueTimeWalksMondayByMonday_AndFirstByFirst_AcrossTheYearEnd()
    {
        var clock = new FakeTimeProvider(Utc(2026, 12, 20, 12));
        var weekly = new List<DateTimeOffset>();
        var monthly = new List<DateTimeOffset>();
        for (var i = 0; i < 3; i++)
        {
            weekly.Add(ReportSchedule.NextAfter(ReportFrequency.Weekly, clock.GetUtcNow(), 6));
            clock.SetUtcNow(weekly[^1]);
        }
        clock = new FakeTimeProvider(Utc(2026, 11, 15));
        for (var i = 0; i < 4; i++)
        {
            monthly.Add(ReportSchedule.NextAfter(ReportFrequency.Monthly, clock.GetUtcNow(), 23));
            clock.SetUtcNow(monthly[^1]);
        }
        Assert.Equal([Utc(2026, 12, 21, 6), Utc(2026, 12, 28, 6), Utc(2027, 1, 4, 6)], weekly);
        Assert.Equal([Utc(2026, 12, 1, 23), Utc(2027, 1, 1, 23), Utc(2027, 2, 1, 23), Utc(2027, 3, 1, 23)], monthly);
    }

    public static TheoryData<string, string, string, string> Ranges => new()
    {
        // range, send day, from, to
        { "LastWeek", "2026-11-30", "2026-11-23", "2026-11-29" },     // sent on a Monday
        { "LastWeek", "2026-12-02", "2026-11-23", "2026-11-29" },     // "Send now" on a Wednesday: still the last complete week
        { "LastWeek", "2027-01-04", "2026-12-28", "2027-01-03" },     // across the year end
        { "LastMonth", "2026-12-01", "2026-11-01", "2026-11-30" },
        { "LastMonth", "2027-01-01", "2026-12-01", "2026-12-31" },    // Dec → Jan
        { "LastMonth", "2028-03-01", "2028-02-01", "2028-02-29" },    // leap February
        { "LastMonth", "2027-03-15", "2027-02-01", "2027-02-28" },
        { "MonthToDate", "2026-12-01", "2026-11-01", "2026-11-30" },  // monthly month to date on the 1st: the month just ended
        { "MonthToDate", "2026-11-30", "2026-11-01", "2026-11-29" },
        { "MonthToDate", "2026-11-02", "2026-11-01", "2026-11-01" },
        { "MonthToDate", "2027-01-01", "2026-12-01", "2026-12-31" },
        { "MonthToDate", "2028-03-01", "2028-02-01", "2028-02-29" },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Range_CoversCompleteDaysUpToTheDayBeforeSending(string range, string sendDay, string from, string to)
    {
        var (f, t) = ReportSchedule.Range(Enum.Parse<ReportRange>(range), DateOnly.Parse(sendDay));
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), (f, t));
        Assert.True(t < DateOnly.Parse(sendDay));
    }

    [Fact]
    public void TheBackOff_Grows_1_5_15_60_240Minutes_ThenStays()
    {
        Assert.Equal([1, 5, 15, 60, 240, 240], Enumerable.Range(1, 6).Select(a => (int)ReportDeliveryOptions.BackOff(a).TotalMinutes));
    }
}
