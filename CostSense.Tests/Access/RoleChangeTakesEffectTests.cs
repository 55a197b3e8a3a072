using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Infrastructure;
using CostSense.Web.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Access;

/// <summary>
/// A demotion, a lock or a removed account stops the person's next action, although their circuit still holds
/// the role it signed in with until the next revalidation. Each test acts as an actor taken before the change,
/// as a circuit caches it, and works on users of its own.
/// </summary>
public class RoleChangeTakesEffectTests(RoleChangeTakesEffectTests.App fixture) : IClassFixture<RoleChangeTakesEffectTests.App>
{
    /// <summary>A small demo tenant, seeded on start, so there are recommendations to act on.</summary>
    public sealed class App : TestAppFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["CostSense:Demo:Enabled"] = "true",
            ["CostSense:Demo:Subscriptions"] = "1", ["CostSense:Demo:ResourceGroups"] = "2", ["CostSense:Demo:VirtualMachines"] = "6",
            ["CostSense:Demo:StorageAccounts"] = "4", ["CostSense:Demo:MonthsOfHistory"] = "2",
        };
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private TestApp Host => fixture.Instance;
    private UserAdministration Users => Host.Services.GetRequiredService<UserAdministration>();
    private IRecommendationService Recommendations => Host.Services.GetRequiredService<IRecommendationService>();
    private AuditTrail Audit => Host.Services.GetRequiredService<AuditTrail>();

    [Fact]
    public async Task AnAnalystDemotedToViewer_CannotAcceptARecommendation()
    {
        var analyst = await Host.ActorAsync("demoted.analyst@app.test", AppRoles.Analyst);
        await Users.SetRoleAsync(await AdminAsync("demotes.analyst"), analyst.Id, AppRoles.Viewer, Ct);

        var refused = await AcceptRefusedAsync(analyst);
        Assert.Contains("needs the Analyst role", refused.Message);
    }

    [Fact]
    public async Task ALockedAnalyst_CannotAcceptARecommendation()
    {
        var analyst = await Host.ActorAsync("locked.analyst@app.test", AppRoles.Analyst);
        await Users.LockAsync(await AdminAsync("locks"), analyst.Id, Ct);

        var refused = await AcceptRefusedAsync(analyst);
        Assert.Contains("locked", refused.Message);
    }

    [Fact]
    public async Task AnAnalystWhoseAccountWasDeleted_CannotAcceptARecommendation()
    {
        var analyst = await Host.ActorAsync("deleted.analyst@app.test", AppRoles.Analyst);
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>();
            Assert.True((await users.DeleteAsync((await users.FindByIdAsync(analyst.Id))!)).Succeeded);
        }

        var refused = await AcceptRefusedAsync(analyst);
        Assert.Contains("no longer exists", refused.Message);
    }

    [Fact]
    public async Task AnAnalystStillAnAnalyst_Accepts_AndTheHistoryAndAuditTrailNameThem()
    {
        var analyst = await Host.ActorAsync("still.analyst@app.test", AppRoles.Analyst);
        var target = await OpenRecommendationAsync();

        Assert.Equal(1, await Recommendations.ChangeStatusAsync(analyst, [target.Id], new StatusChange(RecommendationStatus.Accepted), Ct));

        Assert.Equal(RecommendationStatus.Accepted, (await Recommendations.GetAsync(target.Id, Ct))!.Status);
        var history = Assert.Single(await Recommendations.HistoryAsync(target.Id, Ct));
        Assert.Equal((analyst.Id, analyst.Name), (history.ActorId, history.ActorName));
        Assert.Contains(await AuditOfAsync(analyst), e => e.Action == "recommendation.accepted");
    }

    [Fact]
    public async Task AnAnalystDemotedToViewer_CannotRegenerateTheDemoTenant()
    {
        var analyst = await Host.ActorAsync("demoted.generator@app.test", AppRoles.Analyst);
        await Users.SetRoleAsync(await AdminAsync("demotes.generator"), analyst.Id, AppRoles.Viewer, Ct);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => Host.Services.GetRequiredService<IDemoTenantService>().GenerateAsync(analyst, Ct));

        Assert.Contains("needs the Analyst role", refused.Message);
        Assert.Empty(await AuditOfAsync(analyst));
    }

    [Fact]
    public async Task AnAdminDemotedToAnalyst_CannotChangeRolesAnyMore()
    {
        var demoted = await AdminAsync("demoted");
        var target = await Host.ActorAsync("target.of.demoted.admin@app.test", AppRoles.Viewer);
        await Users.SetRoleAsync(await AdminAsync("demotes.admin"), demoted.Id, AppRoles.Analyst, Ct);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => Users.SetRoleAsync(demoted, target.Id, AppRoles.Admin, Ct));

        Assert.Contains("needs the Admin role", refused.Message);
        Assert.Equal(AppRoles.Viewer, (await Users.ListAsync(Actor.System, Ct)).Single(u => u.Id == target.Id).Role);
        Assert.Empty(await AuditOfAsync(demoted));
    }

    /// <summary>An Admin of the test's own, so that no other test's demotion reaches it.</summary>
    private Task<Actor> AdminAsync(string tag) => Host.ActorAsync($"admin.{tag}@app.test", AppRoles.Admin);

    private async Task<Recommendation> OpenRecommendationAsync()
    {
        foreach (var kind in Enum.GetValues<RecommendationKind>())
        {
            var open = await Recommendations.QueryAsync(new RecommendationQuery(kind, Status: RecommendationStatus.Open, Take: 1), Ct);
            if (open.Items.Count > 0) return open.Items[0];
        }
        throw new InvalidOperationException("The demo tenant gave no open recommendation to act on.");
    }

    /// <summary>The actor tries to accept an open recommendation; the refusal leaves it open, with no history and no audit entry.</summary>
    private async Task<AccessDeniedException> AcceptRefusedAsync(Actor actor)
    {
        var target = await OpenRecommendationAsync();
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Recommendations.ChangeStatusAsync(actor, [target.Id], new StatusChange(RecommendationStatus.Accepted), Ct));
        Assert.Equal(RecommendationStatus.Open, (await Recommendations.GetAsync(target.Id, Ct))!.Status);
        Assert.Empty(await Recommendations.HistoryAsync(target.Id, Ct));
        Assert.Empty(await AuditOfAsync(actor));
        return refused;
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditOfAsync(Actor actor) =>
        (await Audit.ListAsync(Actor.System, new AuditQuery(Take: AuditTrail.MaxPage), Ct)).Where(e => e.ActorId == actor.Id).ToList();
}
