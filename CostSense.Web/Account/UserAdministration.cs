using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Web.Account;

/// <summary>
/// Users and roles, for Admins. Every method checks the actor's permission itself, against the role the store holds
/// now (an Admin demoted a moment ago manages no one), and records the change in the audit trail; each call uses its
/// own scope, so a long-lived circuit never holds a stale DbContext.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, AuditTrail audit, CurrentPermissions permissions, TimeProvider time)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(Actor actor, CancellationToken ct)
    {
        // A read, but of every account and its sign-in methods: an Admin demoted or locked a moment ago sees none of it.
        await permissions.DemandAsync(actor, Permission.ManageUsers, ct);
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var now = time.GetUtcNow();
        var rows = new List<UserRow>();
        foreach (var user in await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct))
        {
            var roles = await users.GetRolesAsync(user);
            var logins = await users.GetLoginsAsync(user);
            rows.Add(new UserRow(user.Id, user.Email ?? user.UserName ?? user.Id, Highest(roles),
                user.LockoutEnd is { } end && end > now ? end : null, user.AccessFailedCount, user.CreatedAt,
                user.PasswordHash is not null, logins.Select(l => l.ProviderDisplayName ?? l.LoginProvider).ToArray()));
        }
        return rows;
    }

    /// <returns>The generated first password, to hand to the new user once.</returns>
    public async Task<string> CreateAsync(Actor actor, string email, string role, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageUsers, ct);
        email = email.Trim();
        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email) || email.Length > 256)
            throw new UserAdministrationException($"'{email}' is not an e-mail address.");
        RequireRole(role);
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByEmailAsync(email) is not null) throw new UserAdministrationException($"{email} already has an account.");

        var password = PasswordGenerator.Generate();
        var user = new CostSenseUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        await audit.RecordAsync(actor, AuditActions.UserCreate, email, $"created as {role}", ct);
        return password;
    }

    public async Task SetRoleAsync(Actor actor, string userId, string role, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageUsers, ct);
        RequireRole(role);
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await Find(users, userId);
        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == role) return;
        if (current.Contains(AppRoles.Admin) && role != AppRoles.Admin) await RequireAnotherAdmin(users, user, "take the Admin role from");

        Check(await users.RemoveFromRolesAsync(user, current));
        Check(await users.AddToRoleAsync(user, role));
        // A new stamp ends the user's current sessions' old role at the next revalidation.
        Check(await users.UpdateSecurityStampAsync(user));
        await audit.RecordAsync(actor, AuditActions.UserRole, user.Email ?? userId, $"{Highest(current) ?? "no role"} → {role}", ct);
    }

    public async Task LockAsync(Actor actor, string userId, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageUsers, ct);
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await Find(users, userId);
        if (user.Id == actor.Id) throw new UserAdministrationException("You cannot lock your own account.");
        if ((await users.GetRolesAsync(user)).Contains(AppRoles.Admin)) await RequireAnotherAdmin(users, user, "lock");
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        Check(await users.UpdateSecurityStampAsync(user));
        await audit.RecordAsync(actor, AuditActions.UserLock, user.Email ?? userId, "locked until unlocked by an Admin", ct);
    }

    public async Task UnlockAsync(Actor actor, string userId, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageUsers, ct);
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await Find(users, userId);
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        await audit.RecordAsync(actor, AuditActions.UserUnlock, user.Email ?? userId, "unlocked", ct);
    }

    /// <returns>The new generated password, to hand to the user once.</returns>
    public async Task<string> ResetPasswordAsync(Actor actor, string userId, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageUsers, ct);
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await Find(users, userId);
        var password = PasswordGenerator.Generate();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, password));
        await audit.RecordAsync(actor, AuditActions.UserPasswordReset, user.Email ?? userId, "password reset by an Admin", ct);
        return password;
    }

    private static UserManager<CostSenseUser> Users(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>();

    private static async Task<CostSenseUser> Find(UserManager<CostSenseUser> users, string userId) =>
        await users.FindByIdAsync(userId) ?? throw new UserAdministrationException("That user no longer exists.");

    private async Task RequireAnotherAdmin(UserManager<CostSenseUser> users, CostSenseUser user, string what)
    {
        var admins = await users.GetUsersInRoleAsync(AppRoles.Admin);
        if (!admins.Any(a => a.Id != user.Id && (a.LockoutEnd is null || a.LockoutEnd < time.GetUtcNow())))
            throw new UserAdministrationException($"Cannot {what} {user.Email}: it is the only Admin who can sign in.");
    }

    private static void RequireRole(string role)
    {
        if (!AppRoles.IsKnown(role)) throw new UserAdministrationException($"'{role}' is not a role: use {string.Join(", ", AppRoles.All)}.");
    }

    private static string? Highest(IEnumerable<string> roles) => AppRoles.All.LastOrDefault(roles.Contains);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new UserAdministrationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
