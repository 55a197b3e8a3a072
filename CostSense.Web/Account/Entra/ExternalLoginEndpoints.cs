using CostSense.Core.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CostSense.Web.Account.Entra;

/// <summary>
/// Sign-in through an external provider: the sign-in page's button posts here, the provider sends the person
/// back to the callback, and the callback turns the provider's word into a local account and its cookie.
/// </summary>
public static class ExternalLoginEndpoints
{
    public const string CallbackPath = "/Account/ExternalLoginCallback";

    public static RouteGroupBuilder MapExternalLogin(RouteGroupBuilder account)
    {
        // [FromForm] makes minimal APIs validate the antiforgery token the sign-in page's form carries.
        account.MapPost("/ExternalLogin", ChallengeAsync).AllowAnonymous();
        account.MapGet("/ExternalLoginCallback", CallbackAsync).AllowAnonymous();
        return account;
    }

    private static async Task<IResult> ChallengeAsync(HttpContext http, SignInManager<CostSenseUser> signIn,
        [FromForm(Name = "provider")] string? provider, [FromForm(Name = "ReturnUrl")] string? returnUrl)
    {
        var schemes = await signIn.GetExternalAuthenticationSchemesAsync();
        if (string.IsNullOrEmpty(provider) || !schemes.Any(s => s.Name == provider))
            return ToLogin(ExternalSignInError.UnknownProvider);
        var callback = http.Request.PathBase + CallbackPath + "?ReturnUrl=" + Uri.EscapeDataString(LocalUrl.Sanitize(returnUrl));
        return TypedResults.Challenge(signIn.ConfigureExternalAuthenticationProperties(provider, callback), [provider]);
    }

    private static async Task<IResult> CallbackAsync(HttpContext http, SignInManager<CostSenseUser> signIn,
        ExternalUserLinker linker, ILoggerFactory logs, [FromQuery(Name = "ReturnUrl")] string? returnUrl)
    {
        var log = logs.CreateLogger(typeof(ExternalLoginEndpoints));
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null) return await FailAsync(http, ExternalSignInError.Expired);

        var identity = ExternalIdentity.From(info);
        ExternalLinkResult link;
        try
        {
            link = await linker.LinkAsync(identity, http.RequestAborted);
        }
        catch (ExternalLinkException ex)
        {
            log.LogError(ex, "{Provider} sign-in of {Email} could not be linked to an account", identity.Provider, identity.Email);
            return await FailAsync(http, ExternalSignInError.Failed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Accounts live in the store: without it nobody can be checked, so nobody gets in.
            log.LogError(ex, "{Provider} sign-in failed: the store did not answer", identity.Provider);
            return await FailAsync(http, ExternalSignInError.StoreDown);
        }
        if (!link.MaySignIn)
            return await FailAsync(http, link.Outcome == ExternalLinkOutcome.LockedOut ? ExternalSignInError.Locked : ExternalSignInError.NoEmail);

        // Identity's own checks (lockout, confirmation rules) have the last word; it also drops the external cookie.
        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true);
        if (!result.Succeeded)
            return await FailAsync(http, result.IsLockedOut ? ExternalSignInError.Locked : ExternalSignInError.NotAllowed);
        log.LogInformation("{Email} signed in with {Provider}", identity.Email, identity.Provider);
        return TypedResults.LocalRedirect("~" + LocalUrl.Sanitize(returnUrl));
    }

    private static async Task<IResult> FailAsync(HttpContext http, string error)
    {
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        return ToLogin(error);
    }

    private static IResult ToLogin(string error) => TypedResults.LocalRedirect("~" + ExternalSignInError.LoginPath(error));
}
