using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Web.Account.Entra;

/// <summary>
/// Finds or makes the local account for an external sign-in, before the sign-in cookie is written: the account
/// already linked to the login, else the account with the same e-mail (linked now), else a new account. The
/// token's app roles, when it carries any, set the account's role every time. A locked account stays out.
/// </summary>
public sealed class ExternalUserLinker(UserManager<CostSenseUser> users, CostSenseDbContext db, AuditTrail audit,
    TimeProvider time, ILogger<ExternalUserLinker> log)
{
    public async Task<ExternalLinkResult> LinkAsync(ExternalIdentity identity, CancellationToken ct)
    {
        // PostgreSQL retries transient failures; each attempt starts from a clean slate, so the whole link reruns.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(identity, async (_, id, c) =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(c);
            var result = await LinkOnceAsync(id);
            // The account, its role, its login and their audit entries commit together or not at all.
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
            return result;
        }, null, ct);
    }

    private async Task<ExternalLinkResult> LinkOnceAsync(ExternalIdentity identity)
    {
        var login = new UserLoginInfo(identity.Provider, identity.ProviderKey, identity.ProviderDisplayName);
        var user = await users.FindByLoginAsync(identity.Provider, identity.ProviderKey);
        var outcome = ExternalLinkOutcome.Existing;
        if (user is null)
        {
            if (identity.Email is null) return new(ExternalLinkOutcome.NoEmail);
            user = await users.FindByEmailAsync(identity.Email);
            if (user is null)
                return await CreateAsync(identity, login);
            if (await users.IsLockedOutAsync(user)) return Locked(user);
            Check(await users.AddLoginAsync(user, login), "link the external login");
            Record(user, AuditActions.UserExternalLink, $"{identity.ProviderDisplayName} sign-in linked to the existing account");
            outcome = ExternalLinkOutcome.Linked;
        }
        else if (await users.IsLockedOutAsync(user))
        {
            return Locked(user);
        }

        if (identity.Role is { } role) await SyncRoleAsync(user, role, identity.ProviderDisplayName);
        return new(outcome, user.Id);
    }

    private async Task<ExternalLinkResult> CreateAsync(ExternalIdentity identity, UserLoginInfo login)
    {
        var role = identity.Role ?? AppRoles.Viewer;
        // No password: this account signs in through the provider until an Admin resets one for it. The address
        // comes from the directory and is not confirmed by CostSense.
        var user = new CostSenseUser { UserName = identity.Email, Email = identity.Email, CreatedAt = time.GetUtcNow() };
        Check(await users.CreateAsync(user), $"create an account for {identity.Email}");
        Check(await users.AddToRoleAsync(user, role), $"give {identity.Email} the {role} role");
        Check(await users.AddLoginAsync(user, login), "link the external login");
        Record(user, AuditActions.UserExternalLink, $"created as {role} at the first {identity.ProviderDisplayName} sign-in"
            + (identity.Role is null ? " (no app role in the token: the default)" : " (app role in the token)"));
        log.LogInformation("Created {Email} as {Role} from a {Provider} sign-in", identity.Email, role, identity.Provider);
        return new(ExternalLinkOutcome.Created, user.Id);
    }

    private async Task SyncRoleAsync(CostSenseUser user, string role, string provider)
    {
        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == role) return;
        Check(await users.RemoveFromRolesAsync(user, current), "clear the old role");
        Check(await users.AddToRoleAsync(user, role), $"give the {role} role");
        // A new stamp ends the old role in the account's other sessions at their next revalidation.
        Check(await users.UpdateSecurityStampAsync(user), "renew the security stamp");
        var before = AppRoles.All.LastOrDefault(current.Contains) ?? "no role";
        Record(user, AuditActions.UserRole, $"{before} → {role} from the {provider} app roles");
        log.LogInformation("{Email}: role {Before} -> {Role} from {Provider} app roles", user.Email, before, role, provider);
    }

    private ExternalLinkResult Locked(CostSenseUser user)
    {
        log.LogWarning("{Email} is locked: external sign-in refused", user.Email);
        return new(ExternalLinkOutcome.LockedOut, user.Id);
    }

    /// <summary>Into the same unit of work as the change it describes; the person acts on their own account.</summary>
    private void Record(CostSenseUser user, string action, string detail)
    {
        var email = user.Email ?? user.Id;
        db.AuditEntries.Add(audit.Entry(new Actor(user.Id, email, []), action, email, detail));
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new ExternalLinkException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
