using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CostSense.Core.Budgets;

/// <summary>
/// Stores each threshold a budget's month has crossed, once. It looks at the month of the latest data date (actual and
/// forecast) and at the month before it (actual only: that month is closed, and cost that arrived late may still have
/// pushed it over; a forecast for a month already over is no news). Each crossing is inserted on its own and the unique
/// index (budget, month, basis, threshold) decides: a second evaluation, on this instance or another, finds it there or
/// loses the insert, and counts nothing.
/// </summary>
public sealed class BudgetEvaluation(IDbContextFactory<CostSenseDbContext> dbFactory, BudgetFigures figures, TimeProvider time,
    ILogger<BudgetEvaluation> log) : IBudgetEvaluation
{
    public async Task<int> EvaluateAsync(CancellationToken ct)
    {
        if (await figures.LatestAsync(ct) is not { } latest) return 0;
        List<Budget> budgets;
        HashSet<(long, DateOnly, BudgetBasis, int)> existing;
        var current = BudgetMath.MonthOf(latest);
        var closed = current.AddMonths(-1);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            budgets = await db.Budgets.AsNoTracking().ToListAsync(ct);
            if (budgets.Count == 0) return 0;
            existing = (await db.BudgetCrossings.AsNoTracking().Where(c => c.Month == current || c.Month == closed)
                    .Select(c => new { c.BudgetId, c.Month, c.Basis, c.ThresholdPercent }).ToListAsync(ct))
                .Select(c => (c.BudgetId, c.Month, c.Basis, c.ThresholdPercent)).ToHashSet();
        }

        var found = new List<BudgetCrossing>();
        var now = time.GetUtcNow();
        foreach (var month in new[] { closed, current })
        {
            foreach (var s in await figures.StatusAsync(budgets.Where(b => BudgetMath.Covers(b, month)).ToList(), month, latest, ct))
            {
                if (s.AsOf is not { } asOf) continue;
                found.AddRange(s.CrossedActual.Select(t => Crossing(s, BudgetBasis.Actual, t, s.Actual, asOf, now)));
                // A closed month's forecast is its actual: only a running month's forecast warns of anything.
                if (!s.Closed) found.AddRange(s.CrossedForecast.Select(t => Crossing(s, BudgetBasis.Forecast, t, s.Forecast, asOf, now)));
            }
        }

        var added = 0;
        foreach (var c in found.Where(c => !existing.Contains((c.BudgetId, c.Month, c.Basis, c.ThresholdPercent))))
            if (await TryInsertAsync(c, ct)) added++;
        if (added > 0) log.LogInformation("Budget evaluation recorded {Count} new threshold crossing(s) as of {AsOf}", added, latest);
        return added;
    }

    private static BudgetCrossing Crossing(BudgetStatus s, BudgetBasis basis, int threshold, decimal amount, DateOnly asOf, DateTimeOffset now) => new()
    {
        BudgetId = s.Budget.Id, BudgetName = s.Budget.Name, Month = s.Month, Basis = basis, ThresholdPercent = threshold,
        BudgetAmount = s.Amount, Amount = amount, Currency = s.Currency, AsOf = asOf, DetectedAt = now,
    };

    /// <summary>
    /// Inserts the crossing in a unit of work of its own; false when another evaluation stored it first (the unique index
    /// refused it, on SQLite and PostgreSQL alike) or the budget was deleted meanwhile.
    /// </summary>
    private async Task<bool> TryInsertAsync(BudgetCrossing c, CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.BudgetCrossings.Add(c);
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var stored = await db.BudgetCrossings.AnyAsync(x => x.BudgetId == c.BudgetId && x.Month == c.Month && x.Basis == c.Basis
                && x.ThresholdPercent == c.ThresholdPercent, ct);
            if (stored || !await db.Budgets.AnyAsync(b => b.Id == c.BudgetId, ct)) return false;
            throw;
        }
    }
}
