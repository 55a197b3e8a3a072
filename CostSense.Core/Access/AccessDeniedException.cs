namespace CostSense.Core.Access;

/// <summary>Thrown when an actor lacks a permission; the message says which role would do, or asks to sign in.</summary>
public sealed class AccessDeniedException(Permission permission, string message) : Exception(message)
{
    public AccessDeniedException(Actor actor, Permission permission)
        : this(permission, actor.IsAuthenticated
            ? $"{actor.Name} may not do this: it needs the {RolePermissions.LeastRoleFor(permission)} role."
            : "Sign in to do this.")
    {
    }

    public Permission Permission { get; } = permission;
}
