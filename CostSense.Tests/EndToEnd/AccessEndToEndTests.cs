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

        await page.GotoAsync(app.BaseAddress.ToString());
        await page.Locator("[data-circuit=live]").WaitForAsync();
        await page.Locator("[data-testid=needs-analyst]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=generate-demo]").CountAsync());
        Assert.Equal(AppRoles.Viewer, (await page.Locator("[data-testid=user-role]").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).CountAsync());

        await page.GotoAsync(new Uri(app.BaseAddress, "/admin/users").ToString());
        await page.Locator("[data-testid=access-denied]").WaitForAsync();
        Assert.Contains("/Account/AccessDenied", page.Url);

        await page.GotoAsync(app.BaseAddress.ToString());
        await page.Locator("[data-circuit=live]").WaitForAsync();
        await page.Locator("[data-testid=sign-out]").ClickAsync();
        await page.Locator("[data-testid=login-form]").WaitForAsync();
        await page.GotoAsync(app.BaseAddress.ToString());
        await page.Locator("[data-testid=login-form]").WaitForAsync();
        Assert.Contains("/Account/Login", page.Url);
    }

    [Fact]
    public async Task Admin_AddsAnAnalyst_WhoSignsInWithTheGeneratedPassword_AndTheAuditTrailSaysWho()
    {
        app.RequireBrowser();
        var admin = await app.NewPageAsync(AppRoles.Admin);
        await admin.GotoAsync(new Uri(app.BaseAddress, "/admin/users").ToString());
        await admin.Locator("[data-circuit=live]").WaitForAsync();

        const string email = "new.analyst@e2e.test";
        await admin.Locator("[data-testid=new-email]").Locator("xpath=descendant-or-self::input").FillAsync(email);
        await admin.Locator("[data-testid=new-role]").ClickAsync();
        await admin.Locator(".mud-popover-open .mud-list-item").GetByText(AppRoles.Analyst, new() { Exact = true }).ClickAsync();
        // The choice travels over the circuit and closes the list; add only once it has.
        await Assertions.Expect(admin.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await admin.Locator("[data-testid=create-user]").ClickAsync();
        var password = (await admin.Locator("[data-testid=generated-password]").InnerTextAsync()).Trim();
        Assert.True(password.Length >= 16);
        await admin.Locator("[data-testid=user-email]", new() { HasText = email }).WaitForAsync();
        await admin.ScreenshotAsync(new() { Path = WebAppFixture.OutputPath("users.png") });

        var context = await app.Browser.NewContextAsync();
        var fresh = await context.NewPageAsync();
        await fresh.GotoAsync(new Uri(app.BaseAddress, "/Account/Login").ToString());
        await fresh.ScreenshotAsync(new() { Path = WebAppFixture.OutputPath("sign-in.png") });
        await fresh.FillAsync("#email", email);
        await fresh.FillAsync("#password", password);
        await fresh.ClickAsync("[data-testid=sign-in]");
        await fresh.Locator("[data-testid=user-name]", new() { HasText = email }).WaitForAsync();
        Assert.Equal(AppRoles.Analyst, (await fresh.Locator("[data-testid=user-role]").InnerTextAsync()).Trim());
        await context.CloseAsync();

        await admin.GotoAsync(new Uri(app.BaseAddress, "/audit").ToString());
        var row = admin.Locator("tr", new() { HasText = email });
        await row.Filter(new() { HasText = "user.create" }).WaitForAsync();
        Assert.Contains(WebAppFixture.EmailOf(AppRoles.Admin), await row.First.InnerTextAsync());
    }
}
