using System.Net;
using CostSense.Core.Access;
using CostSense.Tests.Infrastructure;
using CostSense.Web.Account;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Access;

/// <summary>Bad input to the user forms and the password form: a message in words, nothing changed, never an error page.</summary>
public class MalformedInputTests(SignInTests.App fixture) : IClassFixture<SignInTests.App>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    // The app itself acts as the Admin: these tests are about the input, and a person would be re-read from the store,
    // where TheLastAdmin_CannotBeDemotedOrLocked may have demoted them.
    private static readonly Actor Admin = Actor.System;

    public static TheoryData<string, string, string> BadNewUsers() => new()
    {
        { "", AppRoles.Viewer, "is not an e-mail address" },
        { "not-an-address", AppRoles.Viewer, "is not an e-mail address" },
        { new string('a', 300) + "@app.test", AppRoles.Viewer, "is not an e-mail address" },
        { "someone@app.test", "Superuser", "is not a role" },
        { "someone@app.test", "", "is not a role" },
    };

    [Theory]
    [MemberData(nameof(BadNewUsers))]
    public async Task AddingAUser_WithBadInput_SaysWhy_AndCreatesNothing(string email, string role, string expected)
    {
        var users = fixture.Instance.Services.GetRequiredService<UserAdministration>();
        var before = (await users.ListAsync(Admin, Ct)).Count;
        var refused = await Assert.ThrowsAsync<UserAdministrationException>(() => users.CreateAsync(Admin, email, role, Ct));
        Assert.Contains(expected, refused.Message);
        Assert.Equal(before, (await users.ListAsync(Admin, Ct)).Count);
    }

    [Fact]
    public async Task AddingAUserTwice_SaysTheAccountExists()
    {
        var users = fixture.Instance.Services.GetRequiredService<UserAdministration>();
        await users.CreateAsync(Admin, "twice@app.test", AppRoles.Viewer, Ct);
        var refused = await Assert.ThrowsAsync<UserAdministrationException>(() => users.CreateAsync(Admin, " TWICE@app.test ", AppRoles.Analyst, Ct));
        Assert.Contains("already has an account", refused.Message);
    }

    [Fact]
    public async Task UnknownUserIds_AreANamedRefusal()
    {
        var users = fixture.Instance.Services.GetRequiredService<UserAdministration>();
        foreach (var change in new Func<Task>[]
                 {
                     () => users.SetRoleAsync(Admin, "no-such-id", AppRoles.Analyst, Ct),
                     () => users.LockAsync(Admin, "no-such-id", Ct),
                     () => users.ResetPasswordAsync(Admin, "no-such-id", Ct),
                 })
            Assert.Contains("no longer exists", (await Assert.ThrowsAsync<UserAdministrationException>(change)).Message);
    }

    [Fact]
    public async Task TheLastAdmin_CannotBeDemotedOrLocked()
    {
        var app = fixture.Instance;
        var users = app.Services.GetRequiredService<UserAdministration>();
        var admins = (await users.ListAsync(Admin, Ct)).Where(u => u.Role == AppRoles.Admin).ToList();
        // The fixture's first admin is the only one unless another test added one; demote the others first.
        foreach (var other in admins.Skip(1)) await users.SetRoleAsync(Admin, other.Id, AppRoles.Analyst, Ct);
        var last = admins[0];
        Assert.Contains("only Admin", (await Assert.ThrowsAsync<UserAdministrationException>(() => users.SetRoleAsync(Admin, last.Id, AppRoles.Viewer, Ct))).Message);
        Assert.Contains("only Admin", (await Assert.ThrowsAsync<UserAdministrationException>(() => users.LockAsync(Admin, last.Id, Ct))).Message);
        Assert.Contains("own account", (await Assert.ThrowsAsync<UserAdministrationException>(() => users.LockAsync(new Actor(last.Id, last.Email, [AppRoles.Admin]), last.Id, Ct))).Message);
    }

    public static TheoryData<string, string, string, string> BadPasswordChanges() => new()
    {
        { "", "a-new-password-1", "a-new-password-1", "Enter your current password." },
        { TestApp.Password, "", "", "Enter a new password." },
        { TestApp.Password, "a-new-password-1", "a-different-one-2", "The two new passwords differ." },
        { TestApp.Password, "short", "short", "Use at least 8 characters." },
        { "wrong-current-password", "a-new-password-1", "a-new-password-1", "Incorrect password." },
        { TestApp.Password, "eleven-char", "eleven-char", "Passwords must be at least 12 characters." },
    };

    [Theory]
    [MemberData(nameof(BadPasswordChanges))]
    public async Task ChangingPassword_WithBadInput_SaysWhy_AndKeepsTheOldPassword(string current, string next, string confirm, string expected)
    {
        var app = fixture.Instance;
        var email = $"pw-{Guid.NewGuid():N}@app.test";
        await app.EnsureUserAsync(email, AppRoles.Viewer);
        using var client = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(client, email, TestApp.Password)).StatusCode);

        var token = TestApp.AntiforgeryToken(await client.GetStringAsync("/Account/Manage/ChangePassword", Ct));
        using var response = await client.PostAsync("/Account/Manage/ChangePassword", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "change-password",
            ["Input.OldPassword"] = current, ["Input.NewPassword"] = next, ["Input.ConfirmPassword"] = confirm,
        }), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(expected), await response.Content.ReadAsStringAsync(Ct));
        using var again = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(again, email, TestApp.Password)).StatusCode);
    }
}
