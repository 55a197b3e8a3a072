using System.Net;
using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Web.Account.Entra;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Account;

/// <summary>Microsoft Entra ID sign-in end to end: the real app, the real OpenID Connect handler, a fake tenant.</summary>
public sealed class EntraSignInTests(EntraAppFixture app) : IClassFixture<EntraAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@contoso.test";

    [Fact]
    public async Task LoginPage_WithEntraConfigured_OffersSignInWithMicrosoftEntraId()
    {
        using var browser = app.NewBrowser();

        var html = await browser.GetStringAsync("/Account/Login");

        Assert.Contains("Sign in with Microsoft Entra ID", html);
        Assert.Contains("data-testid=\"external-Entra\"", html);
        var scheme = await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(EntraOptions.Scheme);
        Assert.Equal(EntraOptions.DisplayName, scheme?.DisplayName);
    }

    [Fact]
    public async Task EntraButton_RedirectsToTheTenantsAuthorizeEndpoint_WithTheClientIdAndOurCallback()
    {
        using var browser = app.NewBrowser();

        var response = await browser.PressEntraButtonAsync("/reports");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(EntraFakeAuthority.Instance.Host, location.Host);
        Assert.Equal(app.Authority.AuthorizePath, location.AbsolutePath);
        var query = EntraBrowser.QueryOf(location);
        Assert.Equal(app.Authority.ClientId, query["client_id"]);
        Assert.Equal("https://localhost/signin-oidc", query["redirect_uri"]);
        Assert.Contains("openid", query["scope"].ToString().Split(' '));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        // With a client secret: the code flow, with PKCE; the fake checks both secret and verifier at its token endpoint.
        Assert.Equal(("code", "S256"), (query["response_type"].ToString(), query["code_challenge_method"].ToString()));
    }

    [Fact]
    public async Task EntraButton_WithoutTheAntiforgeryToken_IsRefused()
    {
        using var browser = app.NewBrowser();

        var response = await browser.PressEntraButtonAsync(withAntiforgery: false);

        // A 400, which the app's status-code pages turn into the sign-in page for a visitor not signed in; never a challenge.
        var refused = response.StatusCode == HttpStatusCode.BadRequest
            || response.Headers.Location is { } location && location.Host == "localhost" && location.AbsolutePath == "/Account/Login";
        Assert.True(refused, $"{response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task FirstSignIn_CreatesTheAccountWithTheTokensAppRole_SignsItIn_AndAudits()
    {
        var email = NewEmail("ana");
        using var browser = app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.App.GetAsync("/", Ct)).StatusCode);

        var landed = await browser.SignInAsync(EntraTestUser.New(email, "Viewer", "Analyst", "SomethingElse"), returnUrl: "/data");

        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/data", landed.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await browser.App.GetAsync("/", Ct)).StatusCode);
        Assert.Equal([AppRoles.Analyst], await app.RolesOfAsync(email));
        var login = Assert.Single(await app.LoginsOfAsync(email));
        Assert.Equal((EntraOptions.Scheme, EntraOptions.DisplayName), (login.LoginProvider, login.ProviderDisplayName));
        var audit = Assert.Single(await app.AuditOfAsync(email), e => e.Action == AuditActions.UserExternalLink);
        Assert.Contains("created as Analyst", audit.Detail);
    }

    [Fact]
    public async Task FirstSignIn_WithoutAnAppRole_CreatesAViewer()
    {
        var email = NewEmail("vic");
        using var browser = app.NewBrowser();

        var landed = await browser.SignInAsync(EntraTestUser.New(email));

        Assert.Equal("/", landed.Headers.Location?.ToString());
        Assert.Equal([AppRoles.Viewer], await app.RolesOfAsync(email));
    }

    [Fact]
    public async Task NextSignIn_WithAChangedAppRole_ChangesTheAccountsRole()
    {
        var email = NewEmail("rolf");
        var user = EntraTestUser.New(email, "Viewer");
        using (var first = app.NewBrowser()) await first.SignInAsync(user);
        Assert.Equal([AppRoles.Viewer], await app.RolesOfAsync(email));

        using var browser = app.NewBrowser();
        var landed = await browser.SignInAsync(user with { Roles = ["Admin", "Viewer"] });

        Assert.Equal("/", landed.Headers.Location?.ToString());
        Assert.Equal([AppRoles.Admin], await app.RolesOfAsync(email));
        Assert.Contains(await app.AuditOfAsync(email), e => e.Action == AuditActions.UserRole && e.Detail.StartsWith("Viewer → Admin", StringComparison.Ordinal));
        // The new role is in the new session: an Admin-only page opens.
        Assert.Equal(HttpStatusCode.OK, (await browser.App.GetAsync("/admin/users", Ct)).StatusCode);

        using var third = app.NewBrowser();
        await third.SignInAsync(user with { Roles = [] });
        Assert.Equal([AppRoles.Admin], await app.RolesOfAsync(email));
    }

    [Fact]
    public async Task SignIn_WithTheEmailOfALocalAccount_LinksToIt_AndKeepsItsRole()
    {
        var email = NewEmail("lena");
        await app.CreateLocalUserAsync(email, AppRoles.Analyst);
        using var browser = app.NewBrowser();

        var landed = await browser.SignInAsync(EntraTestUser.New(email.ToUpperInvariant()));

        Assert.Equal("/", landed.Headers.Location?.ToString());
        Assert.Single(await app.LoginsOfAsync(email));
        Assert.Equal([AppRoles.Analyst], await app.RolesOfAsync(email));
        Assert.Contains(await app.AuditOfAsync(email), e => e.Action == AuditActions.UserExternalLink && e.Detail.Contains("linked", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await browser.App.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task SignIn_OfALockedLocalAccount_IsRefused_WithAReasonOnTheSignInPage()
    {
        var email = NewEmail("lock");
        await app.CreateLocalUserAsync(email, AppRoles.Analyst, locked: true);
        using var browser = app.NewBrowser();

        var landed = await browser.SignInAsync(EntraTestUser.New(email, "Admin"));

        Assert.Equal(ExternalSignInError.LoginPath(ExternalSignInError.Locked), landed.Headers.Location?.ToString());
        Assert.Empty(await app.LoginsOfAsync(email));
        Assert.Equal([AppRoles.Analyst], await app.RolesOfAsync(email));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.App.GetAsync("/", Ct)).StatusCode);
        var page = await browser.GetStringAsync(landed.Headers.Location!.ToString());
        Assert.Contains("This account is locked. Ask an Admin to unlock it.", page);
    }

    [Fact]
    public async Task SignIn_OfALinkedAccountLockedSince_IsRefused()
    {
        var email = NewEmail("later");
        var user = EntraTestUser.New(email, "Analyst");
        using (var first = app.NewBrowser()) await first.SignInAsync(user);
        await app.LockAsync(email);
        using var browser = app.NewBrowser();

        var landed = await browser.SignInAsync(user with { Roles = ["Admin"] });

        Assert.Equal(ExternalSignInError.LoginPath(ExternalSignInError.Locked), landed.Headers.Location?.ToString());
        Assert.Equal([AppRoles.Analyst], await app.RolesOfAsync(email));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.App.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task SignIn_WithoutAnEmailInTheToken_IsRefused_AndCreatesNoAccount()
    {
        using var browser = app.NewBrowser();

        var landed = await browser.SignInAsync(EntraTestUser.New(email: null, "Admin"));

        Assert.Equal(ExternalSignInError.LoginPath(ExternalSignInError.NoEmail), landed.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.App.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task SignIn_TheAuthorityRefuses_EndsOnTheSignInPageWithAReason()
    {
        using var browser = app.NewBrowser();

        var landed = await browser.SignInAsync(user: null);

        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal(ExternalSignInError.LoginPath(ExternalSignInError.Failed), landed.Headers.Location?.ToString());
        Assert.Contains("did not complete", await browser.GetStringAsync(landed.Headers.Location!.ToString()));
    }

    [Fact]
    public async Task Callback_WithoutAnExternalSignIn_SendsBackToTheSignInPage()
    {
        using var browser = app.NewBrowser();

        var response = await browser.App.GetAsync("/Account/ExternalLoginCallback?ReturnUrl=%2F", Ct);

        Assert.Equal(ExternalSignInError.LoginPath(ExternalSignInError.Expired), response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task SignIn_WithAForeignReturnUrl_StaysOnThisSite()
    {
        using var browser = app.NewBrowser();

        var landed = await browser.SignInAsync(EntraTestUser.New(NewEmail("evil")), returnUrl: "https://evil.example/");

        var location = landed.Headers.Location!;
        Assert.False(location.IsAbsoluteUri, location.ToString());
        Assert.StartsWith("/", location.ToString());
        Assert.False(location.ToString().StartsWith("//", StringComparison.Ordinal), location.ToString());
    }
}
