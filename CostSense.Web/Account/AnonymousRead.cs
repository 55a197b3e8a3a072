using System.Security.Claims;
using CostSense.Core.Access;
using Microsoft.Extensions.Options;

namespace CostSense.Web.Account;

/// <summary>
/// With CostSense:Auth:AllowAnonymousRead on, a request without a sign-in reads as the shared guest Viewer.
/// The guest can change nothing: every state-changing service demands more than <see cref="Permission.Read"/>.
/// </summary>
public sealed class AnonymousRead(RequestDelegate next, IOptions<AuthOptions> options)
{
    public const string AuthenticationType = "AnonymousRead";

    private static ClaimsPrincipal Guest() => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, Actor.AnonymousViewerId),
        new Claim(ClaimTypes.Name, "Guest (read-only)"),
        new Claim(ClaimTypes.Role, AppRoles.Viewer),
    ], AuthenticationType, ClaimTypes.Name, ClaimTypes.Role));

    public Task InvokeAsync(HttpContext context)
    {
        if (options.Value.AllowAnonymousRead && context.User.Identity?.IsAuthenticated != true
            && !context.Request.Path.StartsWithSegments("/Account", StringComparison.OrdinalIgnoreCase))
            context.User = Guest();
        return next(context);
    }
}
