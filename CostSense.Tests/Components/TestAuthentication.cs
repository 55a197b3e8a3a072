using System.Security.Claims;
using CostSense.Core.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace CostSense.Tests.Components;

/// <summary>The signed-in user a component test renders for; the app's real policies judge it.</summary>
public sealed class TestAuthentication : AuthenticationStateProvider
{
    private ClaimsPrincipal _user = new(new ClaimsIdentity());

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(_user));

    public void SignInAs(string role, string email = "someone@example.test")
    {
        _user = Principal(email, role);
        NotifyAuthenticationStateChanged(GetAuthenticationStateAsync());
    }

    /// <summary>Signs in as this person (their id included), for pages whose services read the account from the store.</summary>
    public void SignInAs(Actor person)
    {
        _user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, person.Id), new Claim(ClaimTypes.Name, person.Name), .. person.Roles.Select(r => new Claim(ClaimTypes.Role, r))],
            "Test", ClaimTypes.Name, ClaimTypes.Role));
        NotifyAuthenticationStateChanged(GetAuthenticationStateAsync());
    }

    public static ClaimsPrincipal Principal(string email, params string[] roles) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "id-" + email), new Claim(ClaimTypes.Name, email), .. roles.Select(r => new Claim(ClaimTypes.Role, r))],
        "Test", ClaimTypes.Name, ClaimTypes.Role));

    public static Actor Actor(string role, string email = "someone@example.test") => Core.Access.Actor.From(Principal(email, role));
}
