using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations.Advisor;
using CostSense.Core.Recommendations.CostOnly;

namespace CostSense.Core.Recommendations;

/// <summary>A grid's request: filters, sort and page, all applied in the store.</summary>
public sealed record RecommendationQuery(
    RecommendationKind Kind,
    string? Search = null,
    RecommendationCategory? Category = null,
    RecommendationAction? Action = null,
    RecommendationStatus? Status = null,
    decimal? MinMonthlySavings = null,
    string? SubscriptionId = null,
    string? ResourceGroup = null,
    /// <summary>"key=value" or a bare value matched against the tags.</summary>
    string? Tag = null,
    /// <summary>A property name of <see cref="Recommendation"/> (MonthlySavings by default).</summary>
    string? SortBy = null,
    bool SortDescending = true,
    int Skip = 0,
    int Take = 50,
    /// <summary>Advisor's opinion: agrees, differs, or Advisor's own recommendations (<see cref="IRecommendationService.AdvisorOnlyAsync"/>); null for any.</summary>
    AdvisorFilter? Advisor = null,
    /// <summary>
    /// The grid's grouping column (<see cref="Recommendation.SubscriptionId"/> or <see cref="Recommendation.ResourceGroup"/>), sorted
    /// on first so a group's rows are contiguous across pages; null (or another name) for none.
    /// </summary>
    string? GroupBy = null);

public sealed record RecommendationPage(IReadOnlyList<Recommendation> Items, int TotalCount, decimal TotalMonthlySavings)
{
    /// <summary>Whether the store holds any of Advisor's recommendations: without, the grids show no Advisor column.</summary>
    public bool HasAdvisorData { get; init; }

    /// <summary>Advisor's opinion of the page's recommendations that have one, by recommendation id.</summary>
    public IReadOnlyDictionary<string, AdvisorOpinion> Advisor { get; init; } = new Dictionary<string, AdvisorOpinion>();

    /// <summary>Where the page's VMs' metrics came from, by resource id (compute only; a VM not listed has none).</summary>
    public IReadOnlyDictionary<string, MetricsSource> MetricsSources { get; init; } = new Dictionary<string, MetricsSource>();
}

/// <summary>A day of a VM's utilization, for the detail chart.</summary>
public sealed record UtilizationPoint(DateOnly Date, double CpuAverage, double CpuP95, double MemoryAverage, double MemoryP95);

/// <summary>A state change asked for by a user; <see cref="Reason"/> is required to dismiss, <see cref="SnoozeUntil"/> to snooze.</summary>
public sealed record StatusChange(RecommendationStatus To, string? Reason = null, DateOnly? SnoozeUntil = null);

public sealed record CategorySavings(RecommendationCategory Category, int Count, decimal MonthlySavings, decimal AnnualSavings, double EffortHours);

public sealed record PlanStep(int Order, Recommendation Recommendation, decimal SavingsPerEffortHour);

/// <summary>The savings page: open potential by category, realized savings, ROI and payback, and the plan.</summary>
public sealed record SavingsSummary(
    string Currency,
    decimal OpenMonthlySavings,
    decimal OpenAnnualSavings,
    IReadOnlyList<CategorySavings> ByCategory,
    int PerformanceRisks,
    decimal PerformanceRiskMonthlyCost,
    decimal AcceptedMonthlySavings,
    decimal RealizedMonthlySavings,
    double OpenEffortHours,
    decimal HourlyRate,
    decimal ImplementationCost,
    /// <summary>(first-year savings − implementation cost) ÷ implementation cost; null when nothing costs effort.</summary>
    double? RoiPercent,
    /// <summary>Implementation cost ÷ monthly savings; null without savings.</summary>
    double? PaybackMonths,
    IReadOnlyList<PlanStep> Plan)
{
    /// <summary>Nothing to save: the view of another cloud than Azure, which the recommendations do not cover.</summary>
    public static SavingsSummary None(string currency, decimal hourlyRate) =>
        new(currency, 0m, 0m, [], 0, 0m, 0m, 0m, 0, hourlyRate, 0m, null, null, []);
}

/// <summary>What a recomputation did: how many are active, how many were added and retired, and how long it took.</summary>
public sealed record RecomputeResult(int Active, int Added, int Retired, TimeSpan Elapsed);
