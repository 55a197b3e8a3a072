using System.ComponentModel;
using System.Globalization;
using CostSense.Core.Budgets;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using Microsoft.SemanticKernel;

namespace CostSense.Core.Assistant.Tools;

/// <summary>The FinOps advisor's tools: the savings page's totals, reservation terms compared, the remediation plan, budget status (read-only).</summary>
public sealed class FinOpsAdvisorTools(IRecommendationService recommendations, BudgetService budgets)
{
    private const string Currency = RecommendationService.Currency;

    [KernelFunction("get_savings_summary"), Description("Savings potential (one best action per resource), accepted and realized savings, implementation effort and cost, ROI and payback, and savings by category.")]
    public async Task<string> GetSavingsSummaryAsync(CancellationToken ct = default)
    {
        var s = await recommendations.SummaryAsync(ct);
        return ToolJson.Serialize(new
        {
            openMonthlySavings = ToolJson.Money(s.OpenMonthlySavings, Currency),
            openAnnualSavings = ToolJson.Money(s.OpenAnnualSavings, Currency),
            acceptedMonthlySavings = ToolJson.Money(s.AcceptedMonthlySavings, Currency),
            realizedMonthlySavings = ToolJson.Money(s.RealizedMonthlySavings, Currency),
            effortHours = Math.Round(s.OpenEffortHours, 1),
            implementationCost = ToolJson.Money(s.ImplementationCost, Currency),
            roi = s.RoiPercent is { } roi ? $"{roi:0}%" : null,
            paybackMonths = s.PaybackMonths is { } p ? Math.Round(p, 2) : (double?)null,
            performanceRisks = s.PerformanceRisks,
            byCategory = s.ByCategory.Select(c => new
            {
                category = c.Category.ToString(), count = c.Count, monthlySavings = ToolJson.Money(c.MonthlySavings, Currency),
            }),
        });
    }

    [KernelFunction("get_commitment_options"), Description("What reserving the steady VMs would save: for 1-year and 3-year reservations, how many VMs, monthly and annual savings, and the savings over the whole term.")]
    public async Task<string> GetCommitmentOptionsAsync(
        [Description("1y, 3y or both (default both)")] string? term = null,
        CancellationToken ct = default)
    {
        var which = ToolArguments.Choice(term, "term", "1y", "3y", "both") ?? "both";
        var options = new List<object>();
        foreach (var (action, years, key) in new[] { (RecommendationAction.Reserve1Year, 1, "1y"), (RecommendationAction.Reserve3Year, 3, "3y") })
        {
            if (which != "both" && which != key) continue;
            var page = await recommendations.QueryAsync(new RecommendationQuery(RecommendationKind.Compute,
                Category: RecommendationCategory.Commitment, Action: action, Status: RecommendationStatus.Open, Take: 3), ct);
            options.Add(new
            {
                term = $"{years}-year reservation", vms = page.TotalCount,
                monthlySavings = ToolJson.Money(page.TotalMonthlySavings, Currency),
                annualSavings = ToolJson.Money(page.TotalMonthlySavings * 12m, Currency),
                savingsOverTerm = ToolJson.Money(page.TotalMonthlySavings * 12m * years, Currency),
                largest = page.Items.Select(r => new { vm = r.ResourceName, target = r.Target, monthlySavings = ToolJson.Money(r.MonthlySavings, Currency) }),
            });
        }
        return ToolJson.Serialize(new
        {
            options,
            note = "A reservation is paid for its whole term whether the VM runs or not; resize first where a smaller size is recommended.",
        });
    }

    [KernelFunction("get_remediation_plan"), Description("The remediation plan: the best action per resource ordered by savings per hour of effort, with the commands to run.")]
    public async Task<string> GetRemediationPlanAsync(
        [Description("How many steps, 1-10 (default 5)")] int? top = null,
        CancellationToken ct = default)
    {
        var s = await recommendations.SummaryAsync(ct);
        return ToolJson.Serialize(new
        {
            steps = s.Plan.Take(ToolArguments.Top(top, 5, 10)).Select(p => new
            {
                step = p.Order, resource = p.Recommendation.ResourceName, resourceGroup = p.Recommendation.ResourceGroup,
                action = p.Recommendation.Action.ToString(), target = p.Recommendation.Target,
                monthlySavings = ToolJson.Money(p.Recommendation.MonthlySavings, Currency),
                effortHours = p.Recommendation.EffortHours, savingsPerEffortHour = ToolJson.Money(p.SavingsPerEffortHour, Currency),
                risk = p.Recommendation.Risk.ToString().ToLowerInvariant(),
            }),
            totalSteps = s.Plan.Count,
            openMonthlySavings = ToolJson.Money(s.OpenMonthlySavings, Currency),
        });
    }

    [KernelFunction("get_budget_status"), Description("Every budget's status this month (the month of the latest cost data): scope, amount, actual cost to date, forecast to month end, percent of the budget, and the thresholds crossed.")]
    public async Task<string> GetBudgetStatusAsync(CancellationToken ct = default)
    {
        var o = await budgets.StatusAsync(ct);
        string Pct(decimal p) => p.ToString("0.0", CultureInfo.InvariantCulture) + "%";
        return ToolJson.Serialize(new
        {
            month = o.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            asOf = o.AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            currency = o.Currency,
            budgets = o.Budgets.Where(b => b.State != BudgetState.Inactive)
                .OrderByDescending(b => b.State).ThenByDescending(b => b.ActualPercent).Select(b => new
                {
                    name = b.Budget.Name, scope = b.Scope.Describe(), period = BudgetService.Period(b.Budget),
                    amount = ToolJson.Money(b.Amount, b.Currency), actual = ToolJson.Money(b.Actual, b.Currency),
                    forecast = ToolJson.Money(b.Forecast, b.Currency),
                    percentUsed = Pct(b.ActualPercent), forecastPercent = Pct(b.ForecastPercent),
                    status = b.State switch
                    {
                        BudgetState.Over => "over budget",
                        BudgetState.ForecastOver => "forecast over budget",
                        BudgetState.ThresholdCrossed => "threshold crossed",
                        _ => "within budget",
                    },
                    crossedActualThresholds = b.CrossedActual.Select(t => $"{t}%"),
                    crossedForecastThresholds = b.CrossedForecast.Select(t => $"{t}%"),
                }),
            inactiveBudgets = o.Budgets.Count(b => b.State == BudgetState.Inactive),
            note = o.Budgets.Count == 0 ? "No budgets are set; an Analyst can create them on the Budgets page." : null,
        });
    }
}
