using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Recommendations;

public sealed partial class RecommendationService
{
    /// <summary>
    /// Open potential by category (each category's total is the sum of its rows), realized savings, ROI and payback.
    /// The headline potential counts one action per resource, the largest: deallocating a VM and reserving it do
    /// not both save money, so adding every row would promise more than can be had. One subscription's summary is the
    /// same arithmetic over its recommendations only.
    /// </summary>
    public async Task<SavingsSummary> SummaryAsync(string? subscriptionId, CancellationToken ct)
    {
        await EnsureCurrentAsync(ct);
        // Cached under what it depends on: the computation (its stamp and time), the last decision taken (every status
        // change writes an event) and the hourly rate; the dashboard's savings card asks on every open, and at tens of
        // thousands of recommendations the sums cost hundreds of milliseconds.
        string key;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var run = await db.RecommendationRuns.AsNoTracking().SingleOrDefaultAsync(ct);
            var lastEvent = await db.RecommendationEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
            key = $"savings:v1:{(subscriptionId is null ? "*" : "=" + Uri.EscapeDataString(subscriptionId))}:{run?.Stamp}:" +
                $"{run?.ComputedAt.UtcTicks}:{lastEvent}:{options.Value.HourlyRate}";
        }
        return await cache.GetOrCreateAsync(key, c => ComputeSummaryAsync(subscriptionId, c), ct);
    }

    private async Task<SavingsSummary> ComputeSummaryAsync(string? subscriptionId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.Recommendations.AsNoTracking();
        if (subscriptionId is not null) rows = rows.Where(r => r.SubscriptionId == subscriptionId);
        // The numbers of every row, not the rows: a large tenant has tens of thousands, whose words and tags the summary never
        // reads. The plan's steps are read whole afterwards (at most a hundred).
        var all = await rows.Select(r => new Recommendation
        {
            Id = r.Id, ResourceId = r.ResourceId, Category = r.Category, Status = r.Status, IsActive = r.IsActive,
            MonthlySavings = r.MonthlySavings, AnnualSavings = r.AnnualSavings, EffortHours = r.EffortHours,
            RealizedMonthlySavings = r.RealizedMonthlySavings,
            ResourceName = "", SubscriptionId = "", ResourceGroup = "", Region = "", Current = "", Target = "", Rationale = "", Command = "",
        }).ToListAsync(ct);
        var o = options.Value;

        var open = all.Where(r => r.IsActive && r.Status == RecommendationStatus.Open).ToList();
        var savingsOpen = open.Where(r => r.Category != RecommendationCategory.Performance).ToList();
        var risks = open.Where(r => r.Category == RecommendationCategory.Performance).ToList();
        var byCategory = savingsOpen.GroupBy(r => r.Category).OrderBy(g => g.Key)
            .Select(g => new CategorySavings(g.Key, g.Count(), g.Sum(r => r.MonthlySavings), g.Sum(r => r.AnnualSavings), g.Sum(r => r.EffortHours)))
            .ToList();

        var best = savingsOpen.GroupBy(r => r.ResourceId, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderByDescending(r => r.MonthlySavings).ThenBy(r => r.Id).First()).ToList();
        var monthly = best.Sum(r => r.MonthlySavings);
        var effort = best.Sum(r => r.EffortHours);
        var cost = Math.Round((decimal)effort * o.HourlyRate, 2);
        double? roi = cost > 0 ? (double)((monthly * 12m - cost) / cost * 100m) : null;
        double? payback = monthly > 0 ? (double)(cost / monthly) : null;

        var steps = best
            .Select(r => (Rec: r, PerHour: r.MonthlySavings / (decimal)Math.Max(r.EffortHours, 0.25)))
            .OrderByDescending(x => x.PerHour).ThenBy(x => x.Rec.Id)
            .Take(100)
            .ToList();
        var ids = steps.Select(x => x.Rec.Id).ToList();
        var whole = await db.Recommendations.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, ct);
        var plan = steps.Select((x, i) => new PlanStep(i + 1, whole[x.Rec.Id], Math.Round(x.PerHour, 2))).ToList();

        var realized = all.Where(r => r.Status == RecommendationStatus.Implemented && r.Category != RecommendationCategory.Performance)
            .Sum(r => r.RealizedMonthlySavings ?? 0m);
        var accepted = all.Where(r => r.IsActive && r.Status == RecommendationStatus.Accepted && r.Category != RecommendationCategory.Performance)
            .Sum(r => r.MonthlySavings);

        return new SavingsSummary(Currency, monthly, monthly * 12m, byCategory, risks.Count, -risks.Sum(r => r.MonthlySavings),
            accepted, realized, effort, o.HourlyRate, cost, roi, payback, plan);
    }
}
