using CostSense.Core.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CostSense.Web.Account;

/// <summary>The account endpoints that are not pages: sign-out is a form post (antiforgery-checked), never a link.</summary>
public static class AccountEndpoints
{
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");
        // [FromForm] makes minimal APIs validate the antiforgery token the form carries.
        account.MapPost("/Logout", async (SignInManager<CostSenseUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/Account/Login" + (string.IsNullOrEmpty(returnUrl) ? "" : "?ReturnUrl=" + Uri.EscapeDataString(LocalUrl.Sanitize(returnUrl))));
        }).AllowAnonymous();
        Entra.ExternalLoginEndpoints.MapExternalLogin(account);
        return account;
    }
}
