using System.Net;
using CostSense.Core.Access;

namespace CostSense.Tests.Account;

/// <summary>Without a client secret the ID token comes straight back through the browser; sign-in works the same.</summary>
public sealed class EntraIdTokenFlowTests(EntraAppWithoutSecretFixture app) : IClassFixture<EntraAppWithoutSecretFixture>
{
    [Fact]
    public async Task SignIn_WithoutAClientSecret_UsesTheIdTokenFlow_AndCreatesTheAccount()
    {
        var email = $"idt-{Guid.NewGuid():N}@contoso.test";
        using var browser = app.NewBrowser();
        var challenge = await browser.PressEntraButtonAsync();
        Assert.Equal("id_token", EntraBrowser.QueryOf(challenge.Headers.Location)["response_type"]);

        var landed = await browser.SignInAsync(EntraTestUser.New(email, "Analyst"));

        Assert.Equal("/", landed.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await browser.App.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal([AppRoles.Analyst], await app.RolesOfAsync(email));
        Assert.DoesNotContain(app.Authority.Requests, r => r.Contains("/oauth2/v2.0/token", StringComparison.Ordinal));
    }
}
