namespace CostSense.Core.Data.Entities;

/// <summary>
/// A monthly budget for one scope (the tenant, a subscription, a resource group or a tag value): for one month, or
/// recurring every month from <see cref="StartMonth"/> (until <see cref="EndMonth"/> when set). Thresholds are
/// percentages of the amount, compared with the month's actual cost and with its forecast to month end.
/// </summary>
public sealed class Budget
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public CostScopeKind ScopeKind { get; set; }
    public required string ScopeKey { get; set; }
    public required string ScopeName { get; set; }
    /// <summary>The amount per month, in <see cref="Currency"/>.</summary>
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    /// <summary>The first month (the 1st of it).</summary>
    public DateOnly StartMonth { get; set; }
    /// <summary>The last month (the 1st of it) for a recurring budget that ends; equals <see cref="StartMonth"/> for a one-month budget; null while it recurs.</summary>
    public DateOnly? EndMonth { get; set; }
    /// <summary>Percentages of the amount compared with actual cost, comma-separated ("50,80,100").</summary>
    public required string ActualThresholds { get; set; }
    /// <summary>Percentages of the amount compared with the month-end forecast ("100").</summary>
    public required string ForecastThresholds { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>
/// A budget's threshold crossed in one month: stored once per (budget, month, basis, threshold), so evaluating again,
/// on any instance, never records or alerts it twice.
/// </summary>
public sealed class BudgetCrossing
{
    public long Id { get; set; }
    public long BudgetId { get; set; }
    /// <summary>The budget's name when crossed, so the log reads without a join.</summary>
    public required string BudgetName { get; set; }
    public DateOnly Month { get; set; }
    public BudgetBasis Basis { get; set; }
    public int ThresholdPercent { get; set; }
    /// <summary>The month's budget amount and the actual (or forecast) cost when the crossing was found.</summary>
    public decimal BudgetAmount { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    /// <summary>The last day of data the crossing was found on.</summary>
    public DateOnly AsOf { get; set; }
    public DateTimeOffset DetectedAt { get; set; }
    /// <summary>When alerts for it were queued; null until then.</summary>
    public DateTimeOffset? AlertedAt { get; set; }
}
