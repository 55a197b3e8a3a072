using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Infrastructure;

/// <summary>
/// Accounts in a Core host's store, written straight into Identity's tables: the Core host has no UserManager,
/// and services that act for a person read that person's account and role from the store.
/// </summary>
public static class StorePeople
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Adds an account with the role and returns it as a circuit signed in now would hold it.</summary>
    public static async Task<Actor> AddPersonAsync(this CoreHost host, string email, string role)
    {
        await using var db = await ContextAsync(host);
        var user = new CostSenseUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true, LockoutEnabled = true, SecurityStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = await RoleIdAsync(db, role) });
        await db.SaveChangesAsync(Ct);
        return new Actor(user.Id, email, [role]);
    }

    /// <summary>Gives the person this one role, as an Admin's role change does.</summary>
    public static async Task SetRoleInStoreAsync(this CoreHost host, Actor person, string role)
    {
        await using var db = await ContextAsync(host);
        db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == person.Id).ToListAsync(Ct));
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = person.Id, RoleId = await RoleIdAsync(db, role) });
        await db.SaveChangesAsync(Ct);
    }

    public static async Task LockInStoreAsync(this CoreHost host, Actor person, DateTimeOffset until)
    {
        await using var db = await ContextAsync(host);
        var user = await db.Users.SingleAsync(u => u.Id == person.Id, Ct);
        (user.LockoutEnabled, user.LockoutEnd) = (true, until);
        await db.SaveChangesAsync(Ct);
    }

    public static async Task RemoveFromStoreAsync(this CoreHost host, Actor person)
    {
        await using var db = await ContextAsync(host);
        db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == person.Id).ToListAsync(Ct));
        db.Users.Remove(await db.Users.SingleAsync(u => u.Id == person.Id, Ct));
        await db.SaveChangesAsync(Ct);
    }

    private static Task<CostSenseDbContext> ContextAsync(CoreHost host) =>
        host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);

    private static async Task<string> RoleIdAsync(CostSenseDbContext db, string name)
    {
        if (await db.Roles.SingleOrDefaultAsync(r => r.Name == name, Ct) is { } role) return role.Id;
        role = new IdentityRole(name) { NormalizedName = name.ToUpperInvariant() };
        db.Roles.Add(role);
        return role.Id;
    }
}
