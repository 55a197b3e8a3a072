using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Imports.Exports;

/// <summary>What became of the export runs read so far, for the settings page: the recent ones, and the last per export and month.</summary>
public sealed class ExportRunHistory(IDbContextFactory<CostSenseDbContext> dbFactory)
{
    /// <summary>The runs processed most recently, newest first (<see cref="Permission.ManageData"/>).</summary>
    public async Task<IReadOnlyList<ExportRunImport>> RecentAsync(Actor actor, int take, CancellationToken ct)
    {
        actor.Demand(Permission.ManageData);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Newest first by id: ids grow with time and sort without provider-specific date handling.
        return await db.ExportRunImports.AsNoTracking().OrderByDescending(r => r.Id).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
    }

    /// <summary>
    /// Per export and month, the run whose rows the store holds: the imported run with the latest submitted time (a month
    /// with none imported yet shows its latest record), newest month first.
    /// </summary>
    public async Task<IReadOnlyList<ExportRunImport>> LastPerExportAndMonthAsync(Actor actor, CancellationToken ct)
    {
        actor.Demand(Permission.ManageData);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Grouped here: SQLite cannot order DateTimeOffset values, and the table holds a few rows per export and month.
        var rows = await db.ExportRunImports.AsNoTracking().ToListAsync(ct);
        return rows.GroupBy(r => (r.ExportKey, r.Month))
            .Select(g => g.Where(r => r.Outcome == ExportRunOutcome.Imported).MaxBy(r => r.SubmittedTime) ?? g.MaxBy(r => r.Id)!)
            .OrderByDescending(r => r.Month).ThenBy(r => r.ExportKey, StringComparer.Ordinal)
            .ToList();
    }
}
