using CostSense.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Costs;

internal static class PeriodVersions
{
    /// <summary>Bumps the version of each month in [start, end), inside the caller's transaction.</summary>
    public static async Task BumpMonthsAsync(CostSenseDbContext db, DateOnly start, DateOnly end, CancellationToken ct)
    {
        for (var month = new DateOnly(start.Year, start.Month, 1); month < end; month = month.AddMonths(1))
            await BumpAsync(db, month, ct);
    }

    public static async Task BumpAsync(CostSenseDbContext db, DateOnly key, CancellationToken ct)
    {
        var updated = await db.PeriodVersions.Where(v => v.Month == key)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Version, v => v.Version + 1), ct);
        if (updated == 0)
        {
            db.PeriodVersions.Add(new PeriodVersion { Month = key, Version = 1 });
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>A compact stamp of the inventory's and the months' versions, for cache keys.</summary>
    public static async Task<string> StampAsync(CostSenseDbContext db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var first = new DateOnly(from.Year, from.Month, 1);
        var rows = await db.PeriodVersions.AsNoTracking()
            .Where(v => v.Month == PeriodVersion.Inventory || (v.Month >= first && v.Month <= to))
            .Select(v => new { v.Month, v.Version })
            .ToListAsync(ct);
        return string.Join('.', rows.OrderBy(r => r.Month).Select(r => $"{r.Month:yyMM}-{r.Version}"));
    }
}
