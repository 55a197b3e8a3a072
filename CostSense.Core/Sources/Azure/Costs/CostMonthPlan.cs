using CostSense.Core.Data.Entities;

namespace CostSense.Core.Sources.Azure.Costs;

/// <summary>
/// Which months of a scope a sync reads, from what the store has (<see cref="AzureCostMonth"/>).
/// <para>
/// <b>Closed.</b> A month is closed once it ended at least <see cref="ClosingDays"/> days before it was read: Azure keeps
/// adding late usage and corrections for a few days after a month ends (invoices are finalized around the 5th), so a month
/// read earlier is read again like the open month. A closed month the store has is never read again.
/// </para>
/// <para>
/// <b>Window.</b> The <c>CostMonths</c> months ending with the current (open) month. A month in the window that is not closed
/// (the open month, or a month still closing) is read when the store has never read it or read it at least
/// <c>OpenMonthRefresh</c> ago (Azure refreshes cost data about every 4 hours). Months before the window are left alone.
/// </para>
/// </summary>
public static class CostMonthPlan
{
    /// <summary>Days after a month's end before its costs count as final.</summary>
    public const int ClosingDays = 5;

    /// <summary>Whether <paramref name="month"/> (its first day) is closed when read at <paramref name="at"/>.</summary>
    public static bool IsClosed(DateOnly month, DateTimeOffset at) =>
        DateOnly.FromDateTime(at.UtcDateTime) >= month.AddMonths(1).AddDays(ClosingDays);

    /// <summary>The months (firsts of months, oldest first) to read at <paramref name="now"/>, given the store's rows for the scope.</summary>
    public static IReadOnlyList<DateOnly> MonthsToRead(DateTimeOffset now, int costMonths, TimeSpan openMonthRefresh, IEnumerable<AzureCostMonth> known)
    {
        var byMonth = known.ToDictionary(m => m.Month);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var current = new DateOnly(today.Year, today.Month, 1);
        var months = new List<DateOnly>();
        for (var month = current.AddMonths(-(costMonths - 1)); month <= current; month = month.AddMonths(1))
        {
            if (byMonth.TryGetValue(month, out var had) && (had.Closed || now - had.FetchedAt < openMonthRefresh)) continue;
            months.Add(month);
        }
        return months;
    }

    /// <summary>The last day of <paramref name="month"/> a read at <paramref name="now"/> can ask for: its end, or today in the open month.</summary>
    public static DateOnly LastDay(DateOnly month, DateTimeOffset now)
    {
        var end = month.AddMonths(1).AddDays(-1);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return today < end ? today : end;
    }
}
