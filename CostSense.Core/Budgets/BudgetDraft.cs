using CostSense.Core.Data.Entities;

namespace CostSense.Core.Budgets;

/// <summary>
/// What the budget dialog submits. <paramref name="ScopeKey"/> is the scope's key as <see cref="Costs.CostScope"/> makes
/// it ("" for the whole tenant, "{key}={value}" for a tag value). A one-month budget covers <paramref name="StartMonth"/>
/// only; a recurring one every month from it until <paramref name="EndMonth"/> (null: no end). Thresholds are
/// comma-separated whole percentages of the amount ("50, 80, 100").
/// </summary>
public sealed record BudgetDraft(
    string? Name,
    CostScopeKind ScopeKind,
    string? ScopeKey,
    decimal Amount,
    DateOnly StartMonth,
    bool Recurring,
    DateOnly? EndMonth,
    string? ActualThresholds = BudgetThresholds.DefaultActual,
    string? ForecastThresholds = BudgetThresholds.DefaultForecast);
