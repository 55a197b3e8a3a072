namespace CostSense.Core.Budgets;

/// <summary>The exact comparisons of a budget: a threshold is crossed when the cost reaches it to the cent (cost ≥ pct × amount / 100).</summary>
public static class BudgetMath
{
    /// <summary>The thresholds <paramref name="cost"/> has reached, ascending.</summary>
    public static IReadOnlyList<int> Crossed(IReadOnlyList<int> thresholds, decimal cost, decimal amount) =>
        amount <= 0 ? [] : thresholds.Where(t => cost >= amount * t / 100m).Order().ToList();

    /// <summary>Cost as a percentage of the amount, one decimal; 0 for a non-positive amount.</summary>
    public static decimal Percent(decimal cost, decimal amount) => amount <= 0 ? 0m : Math.Round(cost / amount * 100m, 1, MidpointRounding.AwayFromZero);

    /// <summary>The first of the month <paramref name="day"/> is in.</summary>
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    public static DateOnly MonthEnd(DateOnly month) => month.AddMonths(1).AddDays(-1);

    /// <summary>Whether the budget covers <paramref name="month"/> (the 1st of it).</summary>
    public static bool Covers(Data.Entities.Budget b, DateOnly month) => month >= b.StartMonth && (b.EndMonth is null || month <= b.EndMonth);
}
