using System.Net;
using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Access;

/// <summary>Signing in, out and being locked out through the real pages and cookies, and what each role may open.</summary>
public class SignInTests(SignInTests.App fixture) : IClassFixture<SignInTests.App>
{
    public sealed class App : TestAppFixture;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, bool> PageAccess() => new()
    {
        { AppRoles.Viewer, "/", true }, { AppRoles.Viewer, "/data", true }, { AppRoles.Viewer, "/audit", false }, { AppRoles.Viewer, "/admin/users", false },
        { AppRoles.Analyst, "/", true }, { AppRoles.Analyst, "/audit", true }, { AppRoles.Analyst, "/admin/users", false },
        { AppRoles.Admin, "/", true }, { AppRoles.Admin, "/audit", true }, { AppRoles.Admin, "/admin/users", true },
        { AppRoles.Viewer, "/Account/Manage/ChangePassword", true },
        { AppRoles.Viewer, "/import", false }, { AppRoles.Analyst, "/import", true }, { AppRoles.Admin, "/import", true },
    };

    [Theory]
    [MemberData(nameof(PageAccess))]
    public async Task Page_ForRole_OpensOrSaysAccessDenied(string role, string path, bool opens)
    {
        using var client = await fixture.Instance.SignedInAsync(role);
        using var response = await client.GetAsync(path, Ct);
        if (opens)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain("login-form", html);
            if (!path.StartsWith("/Account", StringComparison.Ordinal)) Assert.Contains(TestApp.EmailOf(role), html);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task FirstAdmin_FromConfiguration_SignsIn_AsAdmin()
    {
        using var client = fixture.Instance.Client();
        using var signIn = await TestApp.SignInAsync(client, TestApp.AdminEmail, TestApp.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var users = await client.GetAsync("/admin/users", Ct);
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
    }

    [Fact]
    public async Task WrongPassword_SaysSoWithoutRevealingWhetherTheAccountExists()
    {
        using var client = fixture.Instance.Client();
        using var known = await TestApp.SignInAsync(client, TestApp.AdminEmail, "not-the-password");
        using var unknown = await TestApp.SignInAsync(client, "nobody@app.test", "not-the-password");
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        const string message = "That e-mail and password do not match an account.";
        Assert.Contains(message, await known.Content.ReadAsStringAsync(Ct));
        Assert.Contains(message, await unknown.Content.ReadAsStringAsync(Ct));
        Assert.False(known.Headers.Contains("Set-Cookie") && known.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("CostSense.Auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenAgainstTheRightOne_UntilAnAdminUnlocksIt()
    {
        var app = fixture.Instance;
        var user = await app.EnsureUserAsync("lockme@app.test", AppRoles.Viewer);
        using var client = app.Client();
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await TestApp.SignInAsync(client, "lockme@app.test", $"wrong-{i}")).StatusCode);
        using var fifth = await TestApp.SignInAsync(client, "lockme@app.test", "wrong-5");
        Assert.Equal("/Account/Lockout", Target(fifth).AbsolutePath);
        using var right = await TestApp.SignInAsync(client, "lockme@app.test", TestApp.Password);
        Assert.Contains("Lockout", right.Headers.Location!.OriginalString);

        var audit = app.Services.GetRequiredService<AuditTrail>();
        var entries = await audit.ListAsync(Actor.System, new AuditQuery(ActionPrefix: AuditActions.UserLockedOut), Ct);
        Assert.Contains(entries, e => e.Target == "lockme@app.test");

        // The app itself unlocks: a person would be re-read from the store, shared with tests that demote Admins.
        await app.Services.GetRequiredService<Web.Account.UserAdministration>().UnlockAsync(Actor.System, user.Id, Ct);
        using var afterUnlock = await TestApp.SignInAsync(client, "lockme@app.test", TestApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, afterUnlock.StatusCode);
        Assert.Equal("/", Target(afterUnlock).AbsolutePath);
    }

    [Fact]
    public async Task SignOut_IsAFormPostWithItsToken_AndEndsTheSession()
    {
        using var client = await fixture.Instance.SignedInAsync(AppRoles.Analyst);
        var dashboard = await client.GetStringAsync("/", Ct);
        using var withoutToken = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["ReturnUrl"] = "" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);

        using var signOut = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestApp.AntiforgeryToken(dashboard), ["ReturnUrl"] = "",
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var after = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task ReturnUrl_OffSite_IsIgnored(string returnUrl)
    {
        var app = fixture.Instance;
        await app.EnsureUserAsync(TestApp.EmailOf(AppRoles.Viewer), AppRoles.Viewer);
        using var client = app.Client();
        using var response = await TestApp.SignInAsync(client, TestApp.EmailOf(AppRoles.Viewer), TestApp.Password, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = Target(response);
        Assert.Equal("localhost", target.Host);
        Assert.Equal("/", target.AbsolutePath);
    }

    public static TheoryData<string, string, string> MalformedSignIns() => new()
    {
        { "", "", "Enter your e-mail." },
        { "not-an-address", "x", "Enter an e-mail address." },
        { new string('a', 300) + "@app.test", "x", "Input.Email" },
        { "viewer@app.test", "", "Enter your password." },
    };

    [Theory]
    [MemberData(nameof(MalformedSignIns))]
    public async Task SignInForm_WithMalformedInput_AnswersTheFormWithAMessage_NeverAnError(string email, string password, string expected)
    {
        using var client = fixture.Instance.Client();
        using var response = await TestApp.SignInAsync(client, email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(expected), html);
        Assert.DoesNotContain("Exception", html);
    }

    [Fact]
    public async Task SignInForm_WithAControlCharacter_IsRefusedAsABadRequest()
    {
        using var client = fixture.Instance.Client();
        using var response = await TestApp.SignInAsync(client, "viewer@app.test\u0000", "x");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>Where a redirect goes, resolved against the app's address.</summary>
    private static Uri Target(HttpResponseMessage response) => new(new Uri("http://localhost/"), response.Headers.Location!);

    [Fact]
    public async Task SignInForm_WithoutItsAntiforgeryToken_IsRefused()
    {
        using var client = fixture.Instance.Client();
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = TestApp.AdminEmail, ["Input.Password"] = TestApp.AdminPassword,
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
