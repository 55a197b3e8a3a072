using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Tests.Infrastructure;
using CostSense.Web.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>An Analyst demoted while their grid is open is refused on the next click, with a message, and nothing changes.</summary>
public sealed class DemotionEndToEndTests(DemotionEndToEndTests.App app) : IClassFixture<DemotionEndToEndTests.App>
{
    /// <summary>
    /// Its own app, because the test demotes the fixture's Analyst. Sessions are not revalidated during the test, so
    /// what refuses the click is the service's own check, never a revalidation that happened to come first.
    /// </summary>
    public sealed class App : WebAppFixture
    {
        protected override TestAppOptions Options =>
            base.Options with { Settings = new Dictionary<string, string?> { ["CostSense:Auth:RevalidationInterval"] = "01:00:00" } };
    }

    [Fact]
    public async Task AnAnalystDemotedWhileTheGridIsOpen_ClicksAccept_SeesTheRefusal_AndTheRecommendationStaysOpen()
    {
        app.RequireBrowser();
        var ct = TestContext.Current.CancellationToken;
        var service = app.Services.GetRequiredService<IRecommendationService>();
        var page = await app.NewPageAsync(AppRoles.Analyst);
        var grid = new RecommendationsGrid(page, app.BaseAddress);
        await grid.OpenAsync("/compute");
        var id = await grid.FirstIdAsync();
        Assert.Equal(RecommendationStatus.Open, (await service.GetAsync(id, ct))!.Status);
        await Assertions.Expect(grid.Accept(id)).ToBeEnabledAsync();

        // An Admin demotes the Analyst; the Analyst's page is not reloaded and still shows the actions.
        await DemoteAnalystAsync(ct);
        await grid.AcceptAsync(id);

        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "needs the Analyst role" })).ToBeVisibleAsync();
        await Assertions.Expect(grid.Status(id)).ToHaveTextAsync("Open");
        Assert.Equal(RecommendationStatus.Open, (await service.GetAsync(id, ct))!.Status);
    }

    private async Task DemoteAnalystAsync(CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>();
        var admin = (await users.FindByEmailAsync(WebAppFixture.EmailOf(AppRoles.Admin)))!;
        var analyst = (await users.FindByEmailAsync(WebAppFixture.EmailOf(AppRoles.Analyst)))!;
        await app.Services.GetRequiredService<UserAdministration>()
            .SetRoleAsync(new Actor(admin.Id, admin.Email!, [AppRoles.Admin]), analyst.Id, AppRoles.Viewer, ct);
    }
}
