using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;

namespace CostSense.Core.Budgets;

/// <summary>Where a budget stands in a month, worst last (so "worst first" is a descending sort).</summary>
public enum BudgetState
{
    /// <summary>The budget does not cover the month (it starts later or has ended).</summary>
    Inactive,
    /// <summary>No threshold crossed.</summary>
    Fine,
    /// <summary>An actual threshold below 100% crossed (50% by mid-month is the usual pace; it is shown, not alarming).</summary>
    ThresholdCrossed,
    /// <summary>The month-end forecast reaches the amount, or a forecast threshold is crossed: heading over.</summary>
    ForecastOver,
    /// <summary>The month's actual cost has reached the amount.</summary>
    Over,
}

/// <summary>
/// One budget in one month: the actual cost to date (as of the latest data date, or the whole month once closed), the
/// forecast to month end (the dashboard's forecast on the scope's daily series; the actual itself for a closed month),
/// both as percentages of the amount, and the thresholds each has crossed.
/// </summary>
public sealed record BudgetStatus(
    Budget Budget,
    CostScope Scope,
    DateOnly Month,
    /// <summary>The last day of data counted in the month; null when the month has none yet.</summary>
    DateOnly? AsOf,
    bool Closed,
    decimal Amount,
    decimal Actual,
    decimal Forecast,
    IReadOnlyList<int> ActualThresholds,
    IReadOnlyList<int> ForecastThresholds,
    IReadOnlyList<int> CrossedActual,
    IReadOnlyList<int> CrossedForecast,
    BudgetState State)
{
    public string Currency => Budget.Currency;

    /// <summary>Actual as a percentage of the amount, one decimal.</summary>
    public decimal ActualPercent => BudgetMath.Percent(Actual, Amount);

    public decimal ForecastPercent => BudgetMath.Percent(Forecast, Amount);

    /// <summary>Whether a threshold of either basis is crossed this month.</summary>
    public bool AnyCrossed => CrossedActual.Count > 0 || CrossedForecast.Count > 0;
}

/// <summary>One month of a budget's history: its amount against the month's actual cost (to date for the current month).</summary>
public sealed record BudgetMonth(DateOnly Month, decimal Amount, decimal Actual, decimal Forecast, bool Closed, string Currency)
{
    public decimal Percent => BudgetMath.Percent(Actual, Amount);

    /// <summary>Actual over the amount (positive: over budget).</summary>
    public decimal Difference => Actual - Amount;

    public bool Over => Actual > Amount;
}

/// <summary>Every budget's status in <see cref="Month"/> (the month of <see cref="AsOf"/>, the latest data date), in the tenant's currency.</summary>
public sealed record BudgetOverview(DateOnly Month, DateOnly? AsOf, string Currency, IReadOnlyList<BudgetStatus> Budgets)
{
    /// <summary>The budgets at or over a threshold this month, worst first (state, then percent of the amount).</summary>
    public IReadOnlyList<BudgetStatus> Crossed => Budgets.Where(b => b.State > BudgetState.Fine)
        .OrderByDescending(b => b.State).ThenByDescending(b => Math.Max(b.ActualPercent, b.ForecastPercent)).ThenBy(b => b.Budget.Name, StringComparer.OrdinalIgnoreCase).ToList();
}
