using System.Net;
using CostSense.Core.Access;
using CostSense.Tests.Infrastructure;
using CostSense.Web.Account;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Access;

/// <summary>An Admin's lock or role change reaches sessions that are already signed in, not only new sign-ins.</summary>
public class SessionRevocationTests
{
    [Fact]
    public async Task LockingAUser_EndsTheirSignedInSession_WithinTheRevalidationInterval()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["CostSense:Auth:RevalidationInterval"] = "00:00:10" });
        var ct = TestContext.Current.CancellationToken;
        using var client = await app.SignedInAsync(AppRoles.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/audit", ct)).StatusCode);

        var user = await app.EnsureUserAsync(TestApp.EmailOf(AppRoles.Analyst), AppRoles.Analyst);
        var admin = await app.ActorAsync(TestApp.EmailOf(AppRoles.Admin), AppRoles.Admin);
        await app.Services.GetRequiredService<UserAdministration>().LockAsync(admin, user.Id, ct);

        // The cookie is re-checked against the store once the interval has passed since it was issued.
        await Task.Delay(TimeSpan.FromSeconds(11), ct);
        using var response = await client.GetAsync("/audit", ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
    }
}
