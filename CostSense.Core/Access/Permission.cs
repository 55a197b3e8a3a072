namespace CostSense.Core.Access;

/// <summary>What a signed-in user may do. Pages, endpoints and services check these, never a role name.</summary>
public enum Permission
{
    /// <summary>Dashboard, grids (read only), PDF summary, assistant, own conversations.</summary>
    Read,
    /// <summary>Imports, syncs, demo data.</summary>
    ManageData,
    /// <summary>Accept, dismiss, snooze, mark implemented.</summary>
    ActOnRecommendations,
    /// <summary>The audit trail.</summary>
    ViewAudit,
    /// <summary>Azure connection and other settings.</summary>
    ManageSettings,
    /// <summary>Users, roles, lockouts, password resets.</summary>
    ManageUsers,
}

public static class RolePermissions
{
    private static readonly Permission[] Viewer = [Permission.Read];
    private static readonly Permission[] Analyst = [.. Viewer, Permission.ManageData, Permission.ActOnRecommendations, Permission.ViewAudit];
    private static readonly Permission[] Admin = [.. Analyst, Permission.ManageSettings, Permission.ManageUsers];

    public static IReadOnlyList<Permission> Of(string role) => role switch
    {
        AppRoles.Admin => Admin,
        AppRoles.Analyst => Analyst,
        AppRoles.Viewer => Viewer,
        _ => [],
    };

    /// <summary>The least privileged role that has the permission (for messages such as "needs the Analyst role").</summary>
    public static string LeastRoleFor(Permission permission) =>
        AppRoles.All.First(r => Of(r).Contains(permission));
}
