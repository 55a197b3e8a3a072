using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CostSense.Web.Account.Entra;

public static class EntraRegistration
{
    /// <summary>
    /// Microsoft Entra ID as an external sign-in (OpenID Connect through Microsoft.Identity.Web) when AzureAd:ClientId
    /// is set; nothing at all otherwise. The provider's answer lands in Identity's external cookie, and
    /// <see cref="ExternalLoginEndpoints"/> turns it into a local account's sign-in.
    /// </summary>
    public static WebApplicationBuilder AddEntraSignIn(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EntraOptions>().BindConfiguration(EntraOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ExternalUserLinker>();

        var section = builder.Configuration.GetSection(EntraOptions.Section);
        if (!(section.Get<EntraOptions>() ?? new EntraOptions()).Enabled) return builder;

        // cookieScheme null: no cookie scheme of its own; Identity's cookies already exist.
        services.AddAuthentication().AddMicrosoftIdentityWebApp(section, openIdConnectScheme: EntraOptions.Scheme,
            cookieScheme: null, displayName: EntraOptions.DisplayName);
        services.Configure<MicrosoftIdentityOptions>(EntraOptions.Scheme, o =>
        {
            // This app's default, so the section needs no more than TenantId and ClientId.
            if (string.IsNullOrWhiteSpace(o.Instance)) o.Instance = EntraOptions.DefaultInstance;
            // With a secret, the authorization code flow (PKCE, the ID token fetched over the back channel); without
            // one, Microsoft.Identity.Web's default: the ID token posted back by the browser.
            if (!string.IsNullOrWhiteSpace(o.ClientSecret)) o.ResponseType = OpenIdConnectResponseType.Code;
            // The e-mail matches and names the local account; preferred_username is the fallback.
            if (!o.Scope.Contains("email")) o.Scope.Add("email");
        });
        // After Microsoft.Identity.Web's own configuration, which copies its options over these.
        services.Configure<OpenIdConnectOptions>(EntraOptions.Scheme, o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Events.OnRemoteFailure = RemoteFailureAsync;
        });
        return builder;
    }

    /// <summary>A refused or broken answer from the provider ends on the sign-in page with a reason, not an error page.</summary>
    private static Task RemoteFailureAsync(RemoteFailureContext context)
    {
        var log = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EntraRegistration));
        log.LogWarning(context.Failure, "{Provider} sign-in failed: {Reason}", EntraOptions.DisplayName, context.Failure?.Message);
        context.Response.Redirect(context.Request.PathBase + ExternalSignInError.LoginPath(ExternalSignInError.Failed));
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
