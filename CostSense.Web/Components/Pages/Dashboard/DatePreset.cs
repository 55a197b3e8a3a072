using CostSense.Core.Costs;

namespace CostSense.Web.Components.Pages.Dashboard;

/// <summary>
/// The quick ranges of the filter bar. They are anchored at the latest day with cost data, not at today:
/// exports arrive a day or two late, and "month to date" should not start with empty days.
/// </summary>
public sealed record DatePreset(string Name, Func<DateOnly, (DateOnly From, DateOnly To)> Range)
{
    public static IReadOnlyList<DatePreset> All { get; } =
    [
        new("Month to date", latest => (FirstOfMonth(latest), latest)),
        new("Last month", latest => (FirstOfMonth(latest).AddMonths(-1), FirstOfMonth(latest).AddDays(-1))),
        new("Last 30 days", latest => (latest.AddDays(-29), latest)),
        new("Last 90 days", latest => (latest.AddDays(-89), latest)),
        new("Last 12 months", latest => (FirstOfMonth(latest).AddMonths(-11), latest)),
    ];

    public static DatePreset MonthToDate => All[0];

    /// <summary>The preset's range, keeping the subscription and provider chosen: changing the dates does not reset the scope.</summary>
    public CostFilter ToFilter(DateOnly latest, string? subscriptionId, string? providerName = null)
    {
        var (from, to) = Range(latest);
        return new CostFilter(from, to, subscriptionId, providerName);
    }

    /// <summary>The preset a filter was made from, or null for a custom range.</summary>
    public static DatePreset? Matching(CostFilter filter, DateOnly latest) =>
        All.FirstOrDefault(p => p.Range(latest) == (filter.From, filter.To));

    private static DateOnly FirstOfMonth(DateOnly d) => new(d.Year, d.Month, 1);
}
