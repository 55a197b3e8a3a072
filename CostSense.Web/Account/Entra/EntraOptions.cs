using System.ComponentModel.DataAnnotations;

namespace CostSense.Web.Account.Entra;

/// <summary>
/// Microsoft Entra ID sign-in (section AzureAd, the names Microsoft.Identity.Web reads). Off while ClientId is
/// empty; with it, people of that one tenant may sign in and get a local account.
/// </summary>
public sealed class EntraOptions : IValidatableObject
{
    public const string Section = "AzureAd";
    public const string Scheme = "Entra";
    public const string DisplayName = "Microsoft Entra ID";
    public const string DefaultInstance = "https://login.microsoftonline.com/";

    public string Instance { get; set; } = DefaultInstance;

    /// <summary>The directory (tenant) ID, or its verified domain such as contoso.onmicrosoft.com.</summary>
    public string? TenantId { get; set; }

    /// <summary>The application (client) ID of the app registration. Empty: Entra sign-in is off.</summary>
    public string? ClientId { get; set; }

    /// <summary>Optional: with it the app redeems an authorization code; without it the registration must issue ID tokens.</summary>
    public string? ClientSecret { get; set; }

    public string CallbackPath { get; set; } = "/signin-oidc";

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>
    /// Whether the configuration turns Entra sign-in on: the one key read before the options are bound, because the
    /// OpenID Connect scheme is added, or not, while services are registered. The rest is validated on start.
    /// </summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{Section}:{nameof(ClientId)}"]);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!Enabled) yield break;
        if (!Guid.TryParse(ClientId, out _))
            yield return new ValidationResult($"{Section}:ClientId must be the application (client) ID, a GUID (was '{ClientId}').", [nameof(ClientId)]);
        if (string.IsNullOrWhiteSpace(TenantId))
            yield return new ValidationResult($"{Section}:TenantId is required with {Section}:ClientId: the directory ID (a GUID) or its domain.", [nameof(TenantId)]);
        else if (!IsSingleTenant(TenantId))
            // "common" and "organizations" would let any directory in, and accounts are matched by e-mail.
            yield return new ValidationResult($"{Section}:TenantId must be one directory: its ID (a GUID) or a domain such as contoso.onmicrosoft.com (was '{TenantId}').", [nameof(TenantId)]);
        if (!Uri.TryCreate(Instance, UriKind.Absolute, out var instance) || instance.Scheme != Uri.UriSchemeHttps
            || !string.IsNullOrEmpty(instance.Query) || !string.IsNullOrEmpty(instance.Fragment))
            yield return new ValidationResult($"{Section}:Instance must be an absolute https URL such as {DefaultInstance} (was '{Instance}').", [nameof(Instance)]);
        if (string.IsNullOrWhiteSpace(CallbackPath) || !CallbackPath.StartsWith('/') || CallbackPath.StartsWith("//", StringComparison.Ordinal))
            yield return new ValidationResult($"{Section}:CallbackPath must be a path on this site such as /signin-oidc (was '{CallbackPath}').", [nameof(CallbackPath)]);
    }

    private static bool IsSingleTenant(string tenant) =>
        Guid.TryParse(tenant, out _)
        || tenant.Contains('.', StringComparison.Ordinal) && Uri.CheckHostName(tenant) == UriHostNameType.Dns;
}
