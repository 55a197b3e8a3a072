using CostSense.Core.Data;
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
        var run = await EnsureCurrentAsync(ct);
        // Cached under what it depends on: the computation (its stamp and time), the last decision taken (every status
        // change writes an event) and the hourly rate; the dashboard's savings card asks on every open, and at tens of
        // thousands of recommendations the sums cost hundreds of milliseconds.
        string key;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var lastEvent = await db.RecommendationEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
            key = $"savings:v1:{(subscriptionId is null ? "*" : "=" + Uri.EscapeDataString(subscriptionId))}:{run.Stamp}:" +
                $"{run.ComputedAt.UtcTicks}:{lastEvent}:{options.Value.HourlyRate}";
        }
        return await cache.GetOrCreateAsync(key, c => ComputeSummaryAsync(subscriptionId, c), ct);
    }

    private async Task<SavingsSummary> ComputeSummaryAsync(string? subscriptionId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sums = db.Database.IsNpgsql() ? await SavingsSumsSql.ReadAsync(db, subscriptionId, ct) : await SumsInMemoryAsync(db, subscriptionId, ct);
        // The plan's steps are read whole (at most a hundred).
        var plan = sums.Plan();
        var ids = plan.Select(x => x.Id).ToList();
        var whole = await db.Recommendations.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, ct);
        return sums.ToSummary(Currency, options.Value.HourlyRate, plan, whole);
    }

    /// <summary>
    /// The sums from every row's numbers, not the rows (their words and tags are never read): SQLite keeps the money as
    /// REAL, whose sums in SQL would not be the decimals' to the cent.
    /// </summary>
    internal static async Task<SavingsSums> SumsInMemoryAsync(CostSenseDbContext db, string? subscriptionId, CancellationToken ct)
    {
        var rows = db.Recommendations.AsNoTracking();
        if (subscriptionId is not null) rows = rows.Where(r => r.SubscriptionId == subscriptionId);
        var all = await rows.Select(r => new Recommendation
        {
            Id = r.Id, ResourceId = r.ResourceId, Category = r.Category, Status = r.Status, IsActive = r.IsActive,
            MonthlySavings = r.MonthlySavings, AnnualSavings = r.AnnualSavings, EffortHours = r.EffortHours,
            RealizedMonthlySavings = r.RealizedMonthlySavings,
            ResourceName = "", SubscriptionId = "", ResourceGroup = "", Region = "", Current = "", Target = "", Rationale = "", Command = "",
        }).ToListAsync(ct);
        return SavingsSums.Of(all);
    }
}
