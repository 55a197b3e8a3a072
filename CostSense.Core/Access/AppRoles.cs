namespace CostSense.Core.Access;

/// <summary>
/// The three roles. Each includes the one before it: an Analyst can do all a Viewer can, an Admin all an Analyst can.
/// A user holds one of them; what each may do is <see cref="RolePermissions"/>.
/// </summary>
public static class AppRoles
{
    public const string Viewer = "Viewer";
    public const string Analyst = "Analyst";
    public const string Admin = "Admin";

    /// <summary>From least to most privileged.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Analyst, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
