using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Data;

internal static class PeriodVersions
{
    /// <summary>Gives each month in [start, end) a new version, inside the caller's transaction.</summary>
    public static async Task BumpMonthsAsync(CostSenseDbContext db, DateOnly start, DateOnly end, CancellationToken ct)
    {
        for (var month = new DateOnly(start.Year, start.Month, 1); month < end; month = month.AddMonths(1))
            await BumpAsync(db, month, ct);
    }

    /// <summary>
    /// A new version is a fresh random number, not a counter: a counter restarts at 1 in a new or recreated
    /// store, and a shared Redis would then serve that store another store's cached dashboard.
    /// </summary>
    public static async Task BumpAsync(CostSenseDbContext db, DateOnly key, CancellationToken ct)
    {
        var version = BitConverter.ToInt64(Guid.NewGuid().ToByteArray(), 0) & long.MaxValue;
        var updated = await db.PeriodVersions.Where(v => v.Month == key)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Version, version), ct);
        if (updated == 0)
        {
            db.PeriodVersions.Add(new PeriodVersion { Month = key, Version = version });
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
        return string.Join('.', rows.OrderBy(r => r.Month).Select(r => $"{r.Month:yyMM}-{r.Version:x}"));
    }

    /// <summary>
    /// The store's cost data as one stamp: its latest day and every month's (and the inventory's) version. Whatever writes
    /// cost moves it; what is computed from all the data (anomalies, alerts) compares it to know when to run again.
    /// </summary>
    public static async Task<string> DataStampAsync(CostSenseDbContext db, CancellationToken ct)
    {
        var latest = await db.DailyCostRollups.MaxAsync(r => (DateOnly?)r.Date, ct);
        return $"{latest:yyyyMMdd}:{await StampAsync(db, DateOnly.MinValue, DateOnly.MaxValue, ct)}";
    }
}
