using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Data.Entities;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Components;
using CostSense.Tests.Infrastructure;
using CostSense.Web.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Access;

/// <summary>
/// Each state-changing action, called on the server by each role: allowed ones happen and are audited under
/// the actor's name; refused ones throw before changing anything and leave no audit entry.
/// </summary>
public class RoleMatrixTests(RoleMatrixTests.App fixture) : IClassFixture<RoleMatrixTests.App>
{
    /// <summary>One app for the whole matrix; each case works on users of its own.</summary>
    public sealed class App : TestAppFixture
    {
        protected override IDictionary<string, string?> Settings => SmallDemo;
    }

    public enum Act { GenerateDemo, CreateUser, SetRole, LockUser, UnlockUser, ResetPassword, ListUsers, ReadAudit, StartConversation }

    private static readonly Dictionary<string, string?> SmallDemo = new()
    {
        ["CostSense:Demo:Subscriptions"] = "1", ["CostSense:Demo:ResourceGroups"] = "2", ["CostSense:Demo:VirtualMachines"] = "4",
        ["CostSense:Demo:StorageAccounts"] = "4", ["CostSense:Demo:MonthsOfHistory"] = "1",
    };

    public static TheoryData<Act, string, bool> Matrix()
    {
        var data = new TheoryData<Act, string, bool>();
        foreach (var act in Enum.GetValues<Act>())
            foreach (var role in new[] { "", AppRoles.Viewer, AppRoles.Analyst, AppRoles.Admin })
            {
                var needs = act switch
                {
                    Act.GenerateDemo => Permission.ManageData,
                    Act.ReadAudit => Permission.ViewAudit,
                    Act.StartConversation => Permission.Read,
                    _ => Permission.ManageUsers,
                };
                data.Add(act, role, role != "" && RolePermissions.Of(role).Contains(needs));
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Action_ByRole_IsAllowedOrRefusedOnTheServer(Act act, string role, bool allowed)
    {
        var app = fixture.Instance;
        var ct = TestContext.Current.CancellationToken;
        var tag = $"{act}-{(role == "" ? "anonymous" : role)}".ToLowerInvariant();
        var target = await app.EnsureUserAsync($"target-{tag}@app.test", AppRoles.Viewer);
        var newEmail = $"new-{tag}@app.test";
        var actorUser = role == "" ? null : await app.EnsureUserAsync($"actor-{role.ToLowerInvariant()}@app.test", role);
        var actor = actorUser is null ? Actor.Anonymous : new Actor(actorUser.Id, actorUser.Email!, [role]);
        var admin = app.Services.GetRequiredService<UserAdministration>();
        var audit = app.Services.GetRequiredService<AuditTrail>();
        var before = await AuditCountAsync(audit, actor);

        Func<Task> action = act switch
        {
            Act.GenerateDemo => () => app.Services.GetRequiredService<IDemoTenantService>().GenerateAsync(actor, ct),
            Act.CreateUser => () => admin.CreateAsync(actor, newEmail, AppRoles.Analyst, ct),
            Act.SetRole => () => admin.SetRoleAsync(actor, target.Id, AppRoles.Analyst, ct),
            Act.LockUser => () => admin.LockAsync(actor, target.Id, ct),
            Act.UnlockUser => () => admin.UnlockAsync(actor, target.Id, ct),
            Act.ResetPassword => () => admin.ResetPasswordAsync(actor, target.Id, ct),
            Act.ListUsers => () => admin.ListAsync(actor, ct),
            Act.ReadAudit => () => audit.ListAsync(actor, new AuditQuery(), ct),
            Act.StartConversation => () => app.Services.GetRequiredService<Core.Conversations.ConversationStore>().StartAsync(actor, "Why did spend jump?", ct),
            _ => throw new ArgumentOutOfRangeException(nameof(act)),
        };

        if (!allowed)
        {
            var denied = await Assert.ThrowsAsync<AccessDeniedException>(action);
            Assert.Contains(role == "" ? "Sign in" : "role", denied.Message);
            Assert.Equal(before, await AuditCountAsync(audit, actor));
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>();
            Assert.Null(await users.FindByEmailAsync(newEmail));
            var unchanged = await users.FindByIdAsync(target.Id);
            Assert.Equal([AppRoles.Viewer], await users.GetRolesAsync(unchanged!));
            Assert.Null(unchanged!.LockoutEnd);
            Assert.True(await users.CheckPasswordAsync(unchanged, TestApp.Password));
            return;
        }

        var lastId = (await audit.ListAsync(Actor.System, new AuditQuery(Take: 1), ct)).FirstOrDefault()?.Id ?? 0;
        await action();
        if (act is Act.ListUsers or Act.ReadAudit or Act.StartConversation) return;
        var entries = await audit.ListAsync(Actor.System, new AuditQuery(Take: AuditTrail.MaxPage), ct);
        var recorded = Assert.Single(entries, e => e.ActorId == actor.Id && e.Id > lastId);
        Assert.Equal(actor.Name, recorded.ActorName);
        Assert.StartsWith(act == Act.GenerateDemo ? "demo." : "user.", recorded.Action);
    }

    private static async Task<int> AuditCountAsync(AuditTrail audit, Actor actor) =>
        (await audit.ListAsync(Actor.System, new AuditQuery(Take: AuditTrail.MaxPage), TestContext.Current.CancellationToken)).Count(e => e.ActorId == actor.Id);
}
