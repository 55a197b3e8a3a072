using CostSense.Core.Access;
using Microsoft.AspNetCore.Authorization;

namespace CostSense.Web.Account;

/// <summary>One authorization policy per <see cref="Permission"/>, for [Authorize(Policy = …)] and AuthorizeView.</summary>
public static class Policies
{
    public const string Read = nameof(Permission.Read);
    public const string ManageData = nameof(Permission.ManageData);
    public const string ActOnRecommendations = nameof(Permission.ActOnRecommendations);
    public const string ManageCostControls = nameof(Permission.ManageCostControls);
    public const string ViewAudit = nameof(Permission.ViewAudit);
    public const string ManageSettings = nameof(Permission.ManageSettings);
    public const string ManageUsers = nameof(Permission.ManageUsers);

    public static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder builder)
    {
        foreach (var permission in Enum.GetValues<Permission>())
            builder.AddPolicy(permission.ToString(), p => p.RequireAuthenticatedUser()
                .RequireAssertion(ctx => Actor.From(ctx.User).Can(permission)));
        return builder;
    }
}
