using CostSense.Core.Access;
using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>Roles in the browser: what a Viewer sees and cannot reach, and an Admin adding a user who then signs in.</summary>
public sealed class AccessEndToEndTests(EmptyStoreFixture app) : IClassFixture<EmptyStoreFixture>
{
    [Fact]
    public async Task Viewer_SeesNoActions_CannotOpenAdminPages_AndSignsOut()
    {
        app.RequireBrowser();
        var page = await app.NewPageAsync(AppRoles.Viewer);

        await page.OpenLiveAsync(app.BaseAddress);
        await page.Locator("[data-testid=needs-analyst]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=generate-demo]").CountAsync());
        Assert.Equal(AppRoles.Viewer, (await page.Locator("[data-testid=user-role]").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).CountAsync());

        await page.GotoAsync(new Uri(app.BaseAddress, "/admin/users").ToString());
        await page.Locator("[data-testid=access-denied]").WaitForAsync();
        Assert.Contains("/Account/AccessDenied", page.Url);

        await page.OpenLiveAsync(app.BaseAddress);
        await page.Locator("[data-testid=sign-out]").ClickAsync();
        var signIn = new SignInPage(page, app.BaseAddress);
        await signIn.Form.WaitForAsync();
        await page.GotoAsync(app.BaseAddress.ToString());
        await signIn.Form.WaitForAsync();
        Assert.Contains("/Account/Login", page.Url);
    }

    [Fact]
    public async Task Admin_AddsAnAnalyst_WhoSignsInWithTheGeneratedPassword_AndTheAuditTrailSaysWho()
    {
        app.RequireBrowser();
        var admin = await app.NewPageAsync(AppRoles.Admin);
        var users = new UsersPage(admin, app.BaseAddress);
        await users.OpenAsync();

        const string email = "new.analyst@e2e.test";
        var password = await users.AddUserAsync(email, AppRoles.Analyst);
        Assert.True(password.Length >= 16);
        await users.User(email).WaitForAsync();
        await admin.ScreenshotAsync(new() { Path = WebAppFixture.OutputPath("users.png") });

        var fresh = await app.NewPageAsync(role: null);
        var signIn = new SignInPage(fresh, app.BaseAddress);
        await signIn.OpenAsync();
        await fresh.ScreenshotAsync(new() { Path = WebAppFixture.OutputPath("sign-in.png") });
        await signIn.SignInAsync(email, password);
        await fresh.Locator("[data-testid=user-name]", new() { HasText = email }).WaitForAsync();
        Assert.Equal(AppRoles.Analyst, (await fresh.Locator("[data-testid=user-role]").InnerTextAsync()).Trim());
        await fresh.Context.CloseAsync();

        await admin.GotoAsync(new Uri(app.BaseAddress, "/audit").ToString());
        var row = admin.Locator("tr", new() { HasText = email });
        await row.Filter(new() { HasText = "user.create" }).WaitForAsync();
        Assert.Contains(WebAppFixture.EmailOf(AppRoles.Admin), await row.First.InnerTextAsync());
    }
}
