using System.Security.Claims;

namespace CostSense.Core.Access;

/// <summary>
/// Who is doing something: passed to every state-changing service call, which checks the permission itself and
/// records the actor in the audit trail. Hiding a button is a courtesy; this is the check.
/// </summary>
public sealed record Actor(string Id, string Name, IReadOnlyCollection<string> Roles)
{
    /// <summary>The app itself (start-up seeding, background work).</summary>
    public static Actor System { get; } = new("system", "system", [AppRoles.Admin]);

    public static Actor Anonymous { get; } = new("", "anonymous", []);

    /// <summary>The shared identity of anonymous read-only access (off unless CostSense:Auth:AllowAnonymousRead).</summary>
    public const string AnonymousViewerId = "anonymous-viewer";

    public bool IsAuthenticated => Id.Length > 0;

    /// <summary>A real person's account: not the app itself and not the shared anonymous viewer.</summary>
    public bool IsPerson => IsAuthenticated && Id != System.Id && Id != AnonymousViewerId;

    public bool Can(Permission permission) => Roles.Any(r => RolePermissions.Of(r).Contains(permission));

    /// <summary>
    /// Checks the roles this actor carries, which for a circuit are the ones it signed in with until its next
    /// revalidation. Enough for reads; a change uses <see cref="CurrentPermissions"/>, which reads them from the store.
    /// </summary>
    /// <exception cref="AccessDeniedException">The actor lacks the permission.</exception>
    public void Demand(Permission permission)
    {
        if (!Can(permission)) throw new AccessDeniedException(this, permission);
    }

    public static Actor From(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true } identity) return Anonymous;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? identity.Name ?? "";
        var roles = user.FindAll(identity is ClaimsIdentity c ? c.RoleClaimType : ClaimTypes.Role)
            .Select(c => c.Value).Where(AppRoles.IsKnown).Distinct(StringComparer.Ordinal).ToArray();
        return new Actor(id, identity.Name ?? id, roles);
    }
}
