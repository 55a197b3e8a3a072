using CostSense.Core.Data.Entities;

namespace CostSense.Core.Reports.Delivery;

/// <summary>
/// When a report subscription is due and which days its summary covers, in UTC on plain values (no clock of its own),
/// so every boundary is tested without waiting: weekly reports go on Mondays, monthly ones on the 1st, at the send hour;
/// a summary covers complete days only, up to the day before it is sent.
/// </summary>
public static class ReportSchedule
{
    /// <summary>The first due time strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset NextAfter(ReportFrequency frequency, DateTimeOffset after, int sendHourUtc)
    {
        var due = LatestAtOrBefore(frequency, after, sendHourUtc);
        return frequency == ReportFrequency.Weekly ? due.AddDays(7) : due.AddMonths(1);
    }

    /// <summary>The last due time at or before <paramref name="at"/>: of several missed occurrences, the one to send.</summary>
    public static DateTimeOffset LatestAtOrBefore(ReportFrequency frequency, DateTimeOffset at, int sendHourUtc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sendHourUtc);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sendHourUtc, 23);
        var utc = at.ToUniversalTime();
        var day = DateOnly.FromDateTime(utc.UtcDateTime);
        if (frequency == ReportFrequency.Weekly)
        {
            var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
            var due = At(monday, sendHourUtc);
            return due <= utc ? due : due.AddDays(-7);
        }
        var first = At(new DateOnly(day.Year, day.Month, 1), sendHourUtc);
        return first <= utc ? first : first.AddMonths(-1);
    }

    /// <summary>
    /// The days (inclusive) a summary sent on <paramref name="sendDay"/> covers: complete days up to the day before.
    /// LastWeek is the previous Monday to Sunday, LastMonth the previous calendar month, MonthToDate the 1st of
    /// yesterday's month to yesterday (so month to date sent on 1 December covers 1 to 30 November).
    /// </summary>
    public static (DateOnly From, DateOnly To) Range(ReportRange range, DateOnly sendDay)
    {
        var yesterday = sendDay.AddDays(-1);
        switch (range)
        {
            case ReportRange.LastWeek:
                var thisMonday = sendDay.AddDays(-(((int)sendDay.DayOfWeek + 6) % 7));
                return (thisMonday.AddDays(-7), thisMonday.AddDays(-1));
            case ReportRange.LastMonth:
                var firstOfThisMonth = new DateOnly(sendDay.Year, sendDay.Month, 1);
                return (firstOfThisMonth.AddMonths(-1), firstOfThisMonth.AddDays(-1));
            case ReportRange.MonthToDate:
                return (new DateOnly(yesterday.Year, yesterday.Month, 1), yesterday);
            default:
                throw new ArgumentOutOfRangeException(nameof(range), range, null);
        }
    }

    /// <summary>The request a summary sent at <paramref name="sendAt"/> asks for.</summary>
    public static SummaryRequest Request(ReportRange range, DateTimeOffset sendAt, string? subscriptionId)
    {
        var (from, to) = Range(range, DateOnly.FromDateTime(sendAt.UtcDateTime));
        return new SummaryRequest(from, to, subscriptionId);
    }

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
}
