using System.Globalization;
using CostSense.Core.Budgets;
using CostSense.Core.Data.Entities;
using MudBlazor;

namespace CostSense.Web.Components.Pages.Budgets;

/// <summary>How the budgets page and the dashboard card word and colour a budget's state, so both read alike.</summary>
public static class BudgetDisplay
{
    public static string Label(BudgetState state) => state switch
    {
        BudgetState.Over => "Over budget",
        BudgetState.ForecastOver => "Forecast over budget",
        BudgetState.ThresholdCrossed => "Threshold crossed",
        BudgetState.Inactive => "Not this month",
        _ => "Within budget",
    };

    public static Color ColorOf(BudgetState state) => state switch
    {
        BudgetState.Over => Color.Error,
        BudgetState.ForecastOver => Color.Warning,
        BudgetState.ThresholdCrossed => Color.Info,
        BudgetState.Inactive => Color.Default,
        _ => Color.Success,
    };

    /// <summary>"80.0%".</summary>
    public static string Percent(decimal value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Basis(BudgetBasis basis) => basis == BudgetBasis.Actual ? "actual" : "forecast";

    public static string Kind(CostScopeKind kind) => kind switch
    {
        CostScopeKind.Total => "Whole tenant",
        CostScopeKind.Subscription => "Subscription",
        CostScopeKind.ResourceGroup => "Resource group",
        CostScopeKind.Tag => "Tag value",
        _ => kind.ToString(),
    };

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Month(DateOnly month) => BudgetService.MonthName(month);

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
