using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CostSense.Core.Access;
using Microsoft.AspNetCore.Identity;

namespace CostSense.Web.Account.Entra;

/// <summary>What an external sign-in says about a person, read from the provider's claims.</summary>
/// <param name="Email">The e-mail to match or create a local account by; null when the token carries none.</param>
/// <param name="Role">The highest CostSense role among the token's app roles; null when it carries none of them.</param>
public sealed record ExternalIdentity(string Provider, string ProviderKey, string ProviderDisplayName, string? Email, string? Role)
{
    // Entra's short names, for a handler that keeps the token's claim types as they are.
    private static readonly string[] EmailClaims = [ClaimTypes.Email, "email", "preferred_username", ClaimTypes.Upn, "upn"];
    private static readonly string[] RoleClaims = [ClaimTypes.Role, "roles", "role"];

    public static ExternalIdentity From(ExternalLoginInfo info) => From(info.LoginProvider, info.ProviderKey,
        info.ProviderDisplayName ?? info.LoginProvider, info.Principal);

    public static ExternalIdentity From(string provider, string providerKey, string displayName, ClaimsPrincipal principal)
    {
        var email = EmailClaims.Select(principal.FindFirstValue).FirstOrDefault(IsEmail)?.Trim();
        var roles = principal.Claims.Where(c => RoleClaims.Contains(c.Type)).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new ExternalIdentity(provider, providerKey, displayName, email, HighestRole(roles));
    }

    /// <summary>Viewer, Analyst, Admin: the last one the token names wins; other app roles mean nothing here.</summary>
    public static string? HighestRole(IReadOnlySet<string> roles) => AppRoles.All.LastOrDefault(roles.Contains);

    private static bool IsEmail(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 256 && new EmailAddressAttribute().IsValid(value.Trim());
}
