using System.Globalization;
using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Recommendations;

/// <summary>
/// The lifecycle over a real store: state survives recomputation, snoozes end by the clock, every change records
/// who and when, and implemented savings count as realized. A plain test rule replaces the compute rules and gives every VM a deallocation, so
/// these tests do not depend on the thresholds (the rule tests and the golden test cover those).
/// </summary>
public abstract class RecommendationLifecycleTests
{
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    // Real accounts in the test's store: a person's role is read from the store when they act.
    private Actor Analyst { get; set; } = Actor.Anonymous;
    private Actor Viewer { get; set; } = Actor.Anonymous;

    private static readonly Dictionary<string, string?> SmallDemo = new()
    {
        ["CostSense:Demo:Subscriptions"] = "2", ["CostSense:Demo:ResourceGroups"] = "3", ["CostSense:Demo:VirtualMachines"] = "8",
        ["CostSense:Demo:StorageAccounts"] = "4", ["CostSense:Demo:MonthsOfHistory"] = "2",
    };

    private sealed class DeallocateEveryVm : IVmRule
    {
        public IEnumerable<RecommendationDraft> Evaluate(VmUsage u, RecommendationOptions o)
        {
            if (u.MonthlyComputeCost <= 0) yield break;
            yield return new RecommendationDraft(u.Vm.ResourceId, RecommendationKind.Compute, RecommendationCategory.Shutdown, RecommendationAction.Deallocate,
                u.Vm.Size, "deallocated", u.MonthlyComputeCost + u.MonthlyDiskCost, u.MonthlyDiskCost, 4, 0.5, RiskLevel.Low,
                $"test rule: compute {u.MonthlyComputeCost.ToString("0.00", CultureInfo.InvariantCulture)} a month", $"az vm deallocate --name {u.Vm.Name}");
        }
    }

    private async Task<CoreHost> StartAsync()
    {
        var host = await CoreHost.StartAsync(Kind, Now, SmallDemo, services: s => s.AddSingleton<IEnumerable<IVmRule>>(_ => [new DeallocateEveryVm()]));
        await host.Get<IDemoTenantService>().GenerateAsync(Actor.System, Ct);
        Analyst = await host.AddPersonAsync("analyst@app.test", AppRoles.Analyst);
        Viewer = await host.AddPersonAsync("viewer@app.test", AppRoles.Viewer);
        return host;
    }

    private static async Task<IReadOnlyList<Recommendation>> DeallocationsAsync(IRecommendationService service, RecommendationStatus? status = null) =>
        (await service.QueryAsync(new RecommendationQuery(RecommendationKind.Compute, Action: RecommendationAction.Deallocate, Status: status, Take: 500), Ct)).Items;

    [Fact]
    public async Task Accepted_SurvivesRecomputation_WithItsHistoryAndAuditEntry()
    {
        await using var host = await StartAsync();
        var service = host.Get<IRecommendationService>();
        var target = (await DeallocationsAsync(service))[0];

        Assert.Equal(1, await service.ChangeStatusAsync(Analyst, [target.Id], new StatusChange(RecommendationStatus.Accepted), Ct));
        var result = await service.RecomputeAsync(Ct);
        Assert.Equal(0, result.Added);

        var after = await service.GetAsync(target.Id, Ct);
        Assert.Equal(RecommendationStatus.Accepted, after!.Status);
        Assert.Equal(Analyst.Name, after.StatusChangedBy);
        Assert.Equal(target.MonthlySavings, after.MonthlySavings);
        var history = Assert.Single(await service.HistoryAsync(target.Id, Ct));
        Assert.Equal((RecommendationStatus.Open, RecommendationStatus.Accepted, Analyst.Name), (history.From, history.To, history.ActorName));
        var audit = await host.Get<AuditTrail>().ListAsync(Actor.System, new AuditQuery(ActionPrefix: "recommendation."), Ct);
        Assert.Contains(audit, e => e.ActorName == Analyst.Name && e.Action == "recommendation.accepted" && e.Target.StartsWith(target.ResourceName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Snoozed_OpensAgain_WhenItsDateComes()
    {
        await using var host = await StartAsync();
        var service = host.Get<IRecommendationService>();
        var target = (await DeallocationsAsync(service))[0];
        var until = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(7);

        await service.ChangeStatusAsync(Analyst, [target.Id], new StatusChange(RecommendationStatus.Snoozed, SnoozeUntil: until), Ct);
        Assert.Contains(await DeallocationsAsync(service, RecommendationStatus.Snoozed), r => r.Id == target.Id);

        host.Time.Advance(TimeSpan.FromDays(6));
        Assert.Equal(RecommendationStatus.Snoozed, (await service.GetAsync(target.Id, Ct))!.Status);

        host.Time.Advance(TimeSpan.FromDays(1));
        var reopened = await service.GetAsync(target.Id, Ct);
        Assert.Equal(RecommendationStatus.Open, reopened!.Status);
        Assert.Null(reopened.SnoozedUntil);
        Assert.Equal("system", (await service.HistoryAsync(target.Id, Ct))[0].ActorName);
    }

    [Fact]
    public async Task Implemented_CountsAsRealized_AndLeavesThePotential()
    {
        await using var host = await StartAsync();
        var service = host.Get<IRecommendationService>();
        var before = await service.SummaryAsync(Ct);
        var target = (await DeallocationsAsync(service))[0];

        await service.ChangeStatusAsync(Analyst, [target.Id], new StatusChange(RecommendationStatus.Accepted), Ct);
        var accepted = await service.SummaryAsync(Ct);
        Assert.Equal(target.MonthlySavings, accepted.AcceptedMonthlySavings);
        Assert.Equal(before.OpenMonthlySavings - target.MonthlySavings, accepted.OpenMonthlySavings);

        await service.ChangeStatusAsync(Analyst, [target.Id], new StatusChange(RecommendationStatus.Implemented), Ct);
        var implemented = await service.SummaryAsync(Ct);
        Assert.Equal(target.MonthlySavings, implemented.RealizedMonthlySavings);
        Assert.Equal(0m, implemented.AcceptedMonthlySavings);
    }

    [Fact]
    public async Task Changes_AreChecked_ForRole_Reason_Date_AndAllowedMoves()
    {
        await using var host = await StartAsync();
        var service = host.Get<IRecommendationService>();
        var ids = (await DeallocationsAsync(service)).Select(r => r.Id).Take(3).ToList();
        var today = DateOnly.FromDateTime(Now.UtcDateTime);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ChangeStatusAsync(Viewer, ids, new StatusChange(RecommendationStatus.Accepted), Ct));
        Assert.Contains("why", (await Assert.ThrowsAsync<ArgumentException>(() => service.ChangeStatusAsync(Analyst, ids, new StatusChange(RecommendationStatus.Dismissed, Reason: " "), Ct))).Message);
        await Assert.ThrowsAsync<ArgumentException>(() => service.ChangeStatusAsync(Analyst, ids, new StatusChange(RecommendationStatus.Snoozed, SnoozeUntil: today), Ct));
        Assert.All(await DeallocationsAsync(service), r => Assert.Equal(RecommendationStatus.Open, r.Status));

        // Bulk: all three dismissed at once; then an implemented one cannot jump to accepted.
        Assert.Equal(3, await service.ChangeStatusAsync(Analyst, ids, new StatusChange(RecommendationStatus.Dismissed, Reason: "test VMs, kept on purpose"), Ct));
        Assert.Equal(1, await service.ChangeStatusAsync(Analyst, [ids[0]], new StatusChange(RecommendationStatus.Open), Ct));
        Assert.Equal(1, await service.ChangeStatusAsync(Analyst, [ids[0]], new StatusChange(RecommendationStatus.Implemented), Ct));
        Assert.Equal(0, await service.ChangeStatusAsync(Analyst, [ids[0]], new StatusChange(RecommendationStatus.Accepted), Ct));
        Assert.Equal("test VMs, kept on purpose", (await service.GetAsync(ids[1], Ct))!.StatusReason);
    }

    [Fact]
    public async Task AnAnalystDemotedSinceSigningIn_IsRefused_AndTheRecommendationStaysOpen()
    {
        await using var host = await StartAsync();
        // The circuit still holds the Analyst role it signed in with; the store no longer does.
        await host.SetRoleInStoreAsync(Analyst, AppRoles.Viewer);
        var refused = await AcceptRefusedAsync(host);
        Assert.Contains("needs the Analyst role", refused.Message);
    }

    [Fact]
    public async Task AnAnalystLockedSinceSigningIn_IsRefused_UntilTheLockEnds()
    {
        await using var host = await StartAsync();
        await host.LockInStoreAsync(Analyst, Now.AddHours(1));
        Assert.Contains("locked", (await AcceptRefusedAsync(host)).Message);

        host.Time.Advance(TimeSpan.FromHours(2));
        var service = host.Get<IRecommendationService>();
        var target = (await DeallocationsAsync(service))[0];
        Assert.Equal(1, await service.ChangeStatusAsync(Analyst, [target.Id], new StatusChange(RecommendationStatus.Accepted), Ct));
    }

    [Fact]
    public async Task AnAnalystWhoseAccountWasRemoved_IsRefused()
    {
        await using var host = await StartAsync();
        await host.RemoveFromStoreAsync(Analyst);
        Assert.Contains("no longer exists", (await AcceptRefusedAsync(host)).Message);
    }

    /// <summary>The Analyst tries to accept one; the refusal leaves no change, no history and no audit entry behind.</summary>
    private async Task<AccessDeniedException> AcceptRefusedAsync(CoreHost host)
    {
        var service = host.Get<IRecommendationService>();
        var target = (await DeallocationsAsync(service))[0];
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            service.ChangeStatusAsync(Analyst, [target.Id], new StatusChange(RecommendationStatus.Accepted), Ct));
        Assert.Equal(RecommendationStatus.Open, (await service.GetAsync(target.Id, Ct))!.Status);
        Assert.Empty(await service.HistoryAsync(target.Id, Ct));
        var audit = await host.Get<AuditTrail>().ListAsync(Actor.System, new AuditQuery(ActionPrefix: "recommendation."), Ct);
        Assert.DoesNotContain(audit, e => e.ActorId == Analyst.Id);
        return refused;
    }

    [Fact]
    public async Task Grid_PagesSortsAndFilters_InTheStore_AndTheCsvHoldsExactlyTheFilteredRows()
    {
        await using var host = await StartAsync();
        var service = host.Get<IRecommendationService>();
        var all = await DeallocationsAsync(service);
        Assert.True(all.Count >= 6, $"{all.Count} recommendations");
        var threshold = all.OrderBy(r => r.MonthlySavings).ElementAt(all.Count / 2).MonthlySavings;

        var query = new RecommendationQuery(RecommendationKind.Compute, MinMonthlySavings: threshold, SortBy: nameof(Recommendation.MonthlySavings), SortDescending: false, Take: 2);
        var first = await service.QueryAsync(query, Ct);
        var second = await service.QueryAsync(query with { Skip = 2 }, Ct);
        var expected = all.Where(r => r.MonthlySavings >= threshold).OrderBy(r => r.MonthlySavings).ThenBy(r => r.Id).ToList();
        Assert.Equal(expected.Count, first.TotalCount);
        Assert.Equal(expected.Sum(r => r.MonthlySavings), first.TotalMonthlySavings);
        Assert.Equal(expected.Take(4).Select(r => r.Id), first.Items.Concat(second.Items).Select(r => r.Id));

        await using var csv = new StringWriter(CultureInfo.InvariantCulture);
        await service.WriteCsvAsync(query, csv, Ct);
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Count + 1, lines.Length);
        Assert.StartsWith("Id,Resource,", lines[0]);
        Assert.Equal(expected.Select(r => r.Id), lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task NewData_IsPickedUpOnTheNextRead()
    {
        await using var host = await StartAsync();
        var service = host.Get<IRecommendationService>();
        var before = await service.QueryAsync(new RecommendationQuery(RecommendationKind.Compute), Ct);

        host.Time.Advance(TimeSpan.FromDays(1));
        await host.Get<IDemoTenantService>().GenerateAsync(Actor.System, Ct);
        var after = await service.QueryAsync(new RecommendationQuery(RecommendationKind.Compute), Ct);
        Assert.True(after.Items[0].ComputedAt > before.Items[0].ComputedAt);
    }
}

public sealed class SqliteRecommendationLifecycleTests : RecommendationLifecycleTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresRecommendationLifecycleTests : RecommendationLifecycleTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
