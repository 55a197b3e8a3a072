using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Audit;

/// <summary>Records state changes and reads them back, newest first.</summary>
public sealed class AuditTrail(IDbContextFactory<CostSenseDbContext> dbFactory, TimeProvider time)
{
    public const int MaxPage = 500;

    public async Task RecordAsync(Actor actor, string action, string target, string detail, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(Entry(actor, action, target, detail));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An entry to add inside the caller's own unit of work, so the change and its record commit together.</summary>
    public AuditEntry Entry(Actor actor, string action, string target, string detail) => new()
    {
        At = time.GetUtcNow(),
        ActorId = actor.Id,
        ActorName = actor.Name,
        Action = action,
        Target = Truncate(target, 512),
        Detail = Truncate(detail, 2000),
    };

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(Actor actor, AuditQuery query, CancellationToken ct)
    {
        actor.Demand(Permission.ViewAudit);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.ActionPrefix)) rows = rows.Where(e => e.Action.StartsWith(query.ActionPrefix));
        if (!string.IsNullOrWhiteSpace(query.Actor)) rows = rows.Where(e => e.ActorName.Contains(query.Actor));
        // Newest first by id: ids grow with time and sort without provider-specific date handling.
        return await rows.OrderByDescending(e => e.Id).Take(Math.Clamp(query.Take, 1, MaxPage)).ToListAsync(ct);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
