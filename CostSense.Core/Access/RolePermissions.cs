namespace CostSense.Core.Access;

/// <summary>What each role may do: Viewer reads, Analyst also changes data and recommendations, Admin also manages settings and users.</summary>
public static class RolePermissions
{
    private static readonly Permission[] Viewer = [Permission.Read];
    private static readonly Permission[] Analyst = [.. Viewer, Permission.ManageData, Permission.ActOnRecommendations, Permission.ManageCostControls, Permission.ViewAudit];
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
