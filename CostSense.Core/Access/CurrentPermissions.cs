using System.Globalization;
using CostSense.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Access;

/// <summary>
/// The permission check for state-changing calls. A circuit keeps the roles its user signed in with until the next
/// revalidation (a minute by default), so a person's account is read again from the store: a demotion, a lock or a
/// removed account stops their very next change, not the one after the revalidation.
/// </summary>
public sealed class CurrentPermissions(IDbContextFactory<CostSenseDbContext> dbFactory, TimeProvider time)
{
    /// <returns>The actor with the roles the store holds now, so that what is recorded for the change is the truth.</returns>
    /// <exception cref="AccessDeniedException">The account is gone or locked, or its current roles lack the permission.</exception>
    public async Task<Actor> DemandAsync(Actor actor, Permission permission, CancellationToken ct)
    {
        // The app itself and the shared guest have no account to read again: their claims are all there is.
        if (!actor.IsPerson)
        {
            actor.Demand(permission);
            return actor;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One query, on primary keys only: the account's lockout and its role names.
        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == actor.Id)
            .Select(u => new
            {
                u.LockoutEnabled,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (account is null)
            throw new AccessDeniedException(permission, "Your account no longer exists, so nothing was changed. Ask an Admin to add you again.");
        // Compared here rather than in SQL, because SQLite cannot compare DateTimeOffset values; locked as Identity's
        // sign-in judges it (a lockout end counts only while lockout is enabled for the account).
        if (account is { LockoutEnabled: true, LockoutEnd: { } end } && end > time.GetUtcNow())
            throw new AccessDeniedException(permission, Locked(end));

        var current = actor with { Roles = account.Roles.OfType<string>().Where(AppRoles.IsKnown).Distinct(StringComparer.Ordinal).ToArray() };
        current.Demand(permission);
        return current;
    }

    // An Admin's lock lasts until an Admin lifts it (DateTimeOffset.MaxValue); failed sign-ins lock for a while.
    private static string Locked(DateTimeOffset end) => end.Year > 9000
        ? "Your account is locked, so nothing was changed. Ask an Admin to unlock it."
        : string.Create(CultureInfo.InvariantCulture, $"Your account is locked until {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC, so nothing was changed.");
}
