using System.Security.Claims;
using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CostSense.Web.Account;

/// <summary>
/// Re-checks a live circuit's user against the store: a locked account, a reset password or a changed role
/// (each changes the security stamp) ends the circuit's sign-in within <see cref="AuthOptions.RevalidationInterval"/>.
/// </summary>
public sealed class RevalidatingStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<AuthOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        if (Actor.From(state.User).Id == Actor.AnonymousViewerId) return options.Value.AllowAnonymousRead;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null || await users.IsLockedOutAsync(user)) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var stamp = state.User.FindFirstValue(users.Options.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}
