using CostSense.Core.Data.Entities;

namespace CostSense.Core.Recommendations;

/// <summary>
/// The sums the savings summary is made of, read either from every row in memory (<see cref="Of"/>, SQLite, whose money
/// columns are REAL and would not sum to the cent in SQL) or summed in PostgreSQL (<see cref="SavingsSumsSql"/>), so a large
/// tenant's summary costs a few aggregate rows, not tens of thousands of recommendations. Both end in <see cref="ToSummary"/>:
/// the arithmetic on top (ROI, payback, the plan's order) exists once.
/// </summary>
/// <param name="ByCategory">Open, active recommendations per category, Performance excluded.</param>
/// <param name="Risks">Open, active Performance recommendations (under-provisioned resources): their count and monthly cost.</param>
/// <param name="BestMonthly">The largest open saving of each resource, summed (the headline: one action per resource).</param>
/// <param name="BestEffort">The effort of those same recommendations, summed.</param>
/// <param name="PlanCandidates">
/// Those per-resource bests, at least the plan's length of them by saving per effort hour (all of them in memory, the best few
/// hundred from SQL): <see cref="ToSummary"/> orders them exactly and keeps the plan's length.
/// </param>
internal sealed record SavingsSums(
    IReadOnlyList<CategorySavings> ByCategory,
    int Risks,
    decimal RiskMonthly,
    decimal BestMonthly,
    double BestEffort,
    IReadOnlyList<PlanCandidate> PlanCandidates,
    decimal Accepted,
    decimal Realized)
{
    /// <summary>The plan lists this many steps at most.</summary>
    public const int PlanLength = 100;

    /// <summary>An effort under a quarter of an hour counts as a quarter, so a near-free action does not divide by almost nothing.</summary>
    public const double MinimumEffortHours = 0.25;

    /// <summary>The sums over recommendations read whole (only their numbers, ids and states need be filled).</summary>
    public static SavingsSums Of(IReadOnlyCollection<Recommendation> all)
    {
        var open = all.Where(r => r.IsActive && r.Status == RecommendationStatus.Open).ToList();
        var savingsOpen = open.Where(r => r.Category != RecommendationCategory.Performance).ToList();
        var risks = open.Where(r => r.Category == RecommendationCategory.Performance).ToList();
        var byCategory = savingsOpen.GroupBy(r => r.Category).OrderBy(g => g.Key)
            .Select(g => new CategorySavings(g.Key, g.Count(), g.Sum(r => r.MonthlySavings), g.Sum(r => r.AnnualSavings), g.Sum(r => r.EffortHours)))
            .ToList();
        var best = savingsOpen.GroupBy(r => r.ResourceId, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderByDescending(r => r.MonthlySavings).ThenBy(r => r.Id, StringComparer.Ordinal).First()).ToList();
        return new SavingsSums(byCategory, risks.Count, risks.Sum(r => r.MonthlySavings),
            best.Sum(r => r.MonthlySavings), best.Sum(r => r.EffortHours),
            best.Select(r => new PlanCandidate(r.Id, r.MonthlySavings, r.EffortHours)).ToList(),
            Accepted: all.Where(r => r.IsActive && r.Status == RecommendationStatus.Accepted && r.Category != RecommendationCategory.Performance)
                .Sum(r => r.MonthlySavings),
            Realized: all.Where(r => r.Status == RecommendationStatus.Implemented && r.Category != RecommendationCategory.Performance)
                .Sum(r => r.RealizedMonthlySavings ?? 0m));
    }

    /// <summary>The plan's steps in order: the most saving per effort hour first, the id breaking ties.</summary>
    public IReadOnlyList<(string Id, decimal PerHour)> Plan() => PlanCandidates
        .Select(c => (c.Id, PerHour: c.MonthlySavings / (decimal)Math.Max(c.EffortHours, MinimumEffortHours)))
        .OrderByDescending(x => x.PerHour).ThenBy(x => x.Id, StringComparer.Ordinal)
        .Take(PlanLength)
        .ToList();

    /// <summary>
    /// The summary: these sums, the cost of the effort at the hourly rate, ROI, payback, and the plan (<see cref="Plan"/>'s
    /// steps, with their recommendations read whole).
    /// </summary>
    public SavingsSummary ToSummary(string currency, decimal hourlyRate, IReadOnlyList<(string Id, decimal PerHour)> plan,
        IReadOnlyDictionary<string, Recommendation> planRows)
    {
        var cost = Math.Round((decimal)BestEffort * hourlyRate, 2);
        double? roi = cost > 0 ? (double)((BestMonthly * 12m - cost) / cost * 100m) : null;
        double? payback = BestMonthly > 0 ? (double)(cost / BestMonthly) : null;
        var steps = plan.Select((x, i) => new PlanStep(i + 1, planRows[x.Id], Math.Round(x.PerHour, 2))).ToList();
        return new SavingsSummary(currency, BestMonthly, BestMonthly * 12m, ByCategory, Risks, -RiskMonthly,
            Accepted, Realized, BestEffort, hourlyRate, cost, roi, payback, steps);
    }
}

/// <summary>A resource's best open recommendation, as the plan weighs it.</summary>
internal sealed record PlanCandidate(string Id, decimal MonthlySavings, double EffortHours);
