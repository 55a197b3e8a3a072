using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Budgets;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Budgets;

/// <summary>
/// Budgets over the seeded demo tenant: their figures are the dashboard's (month to date and forecast, to the cent, for
/// the tenant and every subscription), tag-value budgets read the tag rollups, bad drafts get a message naming the
/// field, a Viewer changes nothing, and every change is audited with it.
/// </summary>
public sealed class BudgetServiceTests(DemoTenantStore store) : IClassFixture<DemoTenantStore>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private CoreHost Host => store.Host;
    private BudgetService Budgets => Host.Get<BudgetService>();

    private async Task<Actor> PersonAsync(string role) => await Host.AddPersonAsync($"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com", role);

    private async Task<DateOnly> MonthAsync() => BudgetMath.MonthOf(await Host.Get<IDashboardService>().AsOfAsync(Host.Time, Ct));

    [Fact]
    public async Task Status_ForTheTenantAndEachSubscription_IsTheDashboardsMonthToDateAndForecast()
    {
        var analyst = await PersonAsync(AppRoles.Analyst);
        var dashboard = Host.Get<IDashboardService>();
        var asOf = await dashboard.AsOfAsync(Host.Time, Ct);
        var month = BudgetMath.MonthOf(asOf);
        var subscriptions = await Budgets.ScopesAsync(CostScopeKind.Subscription, null, Ct);
        Assert.True(subscriptions.Count > 1, "the demo tenant has several subscriptions");
        var prefix = $"Dash {Guid.NewGuid():N} ";
        await Budgets.CreateAsync(analyst, new BudgetDraft(prefix + "total", CostScopeKind.Total, "", 1000m, month, true, null), Ct);
        foreach (var s in subscriptions)
            await Budgets.CreateAsync(analyst, new BudgetDraft(prefix + s.Name, CostScopeKind.Subscription, s.Key, 1000m, month, false, null), Ct);

        var overview = await Budgets.StatusAsync(Ct);

        Assert.Equal((month, asOf), (overview.Month, overview.AsOf));
        var mine = overview.Budgets.Where(b => b.Budget.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(subscriptions.Count + 1, mine.Count);
        foreach (var b in mine)
        {
            var filter = new CostFilter(month, asOf, b.Scope.Kind == CostScopeKind.Subscription ? b.Scope.Key : null);
            var snapshot = await dashboard.GetAsync(filter, Ct);
            Assert.True(snapshot.Kpis.MonthToDate > 0);
            Assert.Equal(snapshot.Currency, b.Currency);
            Assert.Equal(snapshot.Kpis.MonthToDate, b.Actual);
            Assert.Equal(snapshot.Kpis.ForecastMonthEnd, b.Forecast);
            Assert.Equal(BudgetMath.Percent(b.Actual, 1000m), b.ActualPercent);
            Assert.Equal(BudgetMath.Crossed([50, 80, 100], b.Actual, 1000m), b.CrossedActual);
        }
    }

    [Fact]
    public async Task TagValueAndResourceGroupBudgets_ReadTheirRollups()
    {
        var analyst = await PersonAsync(AppRoles.Analyst);
        var month = await MonthAsync();
        var asOf = await Host.Get<IDashboardService>().AsOfAsync(Host.Time, Ct);
        var scopes = Host.Get<ScopeCosts>();
        var currency = await scopes.CurrencyAsync(Ct);
        var tagKey = Assert.IsType<string>((await Budgets.TagKeysAsync(Ct)).FirstOrDefault());
        var tag = (await Budgets.ScopesAsync(CostScopeKind.Tag, tagKey, Ct))[0];
        var group = (await Budgets.ScopesAsync(CostScopeKind.ResourceGroup, null, Ct))[0];

        var t = await Budgets.CreateAsync(analyst, new BudgetDraft("Tag " + Guid.NewGuid(), CostScopeKind.Tag, tag.Key.ToUpperInvariant().Split('=')[0] + "=" + CostScope.SplitTag(tag.Key).TagValue, 50m, month, false, null), Ct);
        var g = await Budgets.CreateAsync(analyst, new BudgetDraft("RG " + Guid.NewGuid(), CostScopeKind.ResourceGroup, group.Key, 50m, month, false, null), Ct);

        Assert.Equal((tag.Key, tag.Name), (t.ScopeKey, t.ScopeName));
        var status = (await Budgets.StatusAsync(Ct)).Budgets.ToDictionary(b => b.Budget.Id);
        foreach (var (budget, scope) in new[] { (t, tag), (g, group) })
        {
            var expected = (await scopes.SeriesAsync(scope, month, asOf, currency, Ct)).Sum(d => d.Cost);
            Assert.True(expected > 0);
            Assert.Equal(expected, status[budget.Id].Actual);
        }
    }

    [Theory]
    [InlineData("", 100, "Subscription", "x", "Name:")]
    [InlineData("Budget", 0, "Total", "", "Amount:")]
    [InlineData("Budget", -5, "Total", "", "Amount:")]
    [InlineData("Budget", 100, "Subscription", "no-such-subscription", "Scope: no subscription \"no-such-subscription\"")]
    [InlineData("Budget", 100, "Subscription", "", "Scope: choose a subscription")]
    [InlineData("Budget", 100, "Tag", "team", "Scope: choose a tag key and one of its values")]
    [InlineData("Budget", 100, "Service", "Storage", "Scope: choose the whole tenant")]
    public async Task BadDrafts_AreRefused_WithAMessageNamingTheField(string name, decimal amount, string kind, string key, string message)
    {
        var analyst = await PersonAsync(AppRoles.Analyst);
        var draft = new BudgetDraft(name, Enum.Parse<CostScopeKind>(kind), key, amount, await MonthAsync(), false, null);

        var e = await Assert.ThrowsAsync<BudgetException>(() => Budgets.CreateAsync(analyst, draft, Ct));

        Assert.StartsWith(message, e.Message);
    }

    [Theory]
    [InlineData("50, 80, x", "", "Actual thresholds: \"x\" is not a whole percentage from 1 to 1000.")]
    [InlineData("0", "", "Actual thresholds: \"0\" is not a whole percentage from 1 to 1000.")]
    [InlineData("50", "1001", "Forecast thresholds: \"1001\" is not a whole percentage from 1 to 1000.")]
    [InlineData("50", "80.5", "Forecast thresholds: \"80.5\" is not a whole percentage from 1 to 1000.")]
    public async Task BadThresholds_AreRefused_WithAMessageNamingTheField(string actual, string forecast, string message)
    {
        var analyst = await PersonAsync(AppRoles.Analyst);
        var draft = new BudgetDraft("Budget", CostScopeKind.Total, "", 100m, await MonthAsync(), false, null, actual, forecast);

        var e = await Assert.ThrowsAsync<BudgetException>(() => Budgets.CreateAsync(analyst, draft, Ct));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task ARecurringBudgetEndingBeforeItStarts_IsRefused_AndThresholdsAreStoredInOrder()
    {
        var analyst = await PersonAsync(AppRoles.Analyst);
        var month = await MonthAsync();
        var e = await Assert.ThrowsAsync<BudgetException>(() => Budgets.CreateAsync(analyst,
            new BudgetDraft("Budget", CostScopeKind.Total, "", 100m, month, true, month.AddMonths(-1)), Ct));
        Assert.StartsWith("Last month:", e.Message);

        var b = await Budgets.CreateAsync(analyst, new BudgetDraft(" Ordered ", CostScopeKind.Total, "", 100m, month.AddDays(14), true, month.AddMonths(2), "100, 50%,80,50", "120 100"), Ct);
        Assert.Equal(("Ordered", month, month.AddMonths(2), "50,80,100", "100,120"), (b.Name, b.StartMonth, b.EndMonth, b.ActualThresholds, b.ForecastThresholds));
        var once = await Budgets.CreateAsync(analyst, new BudgetDraft("Once", CostScopeKind.Total, "", 100m, month, false, month.AddMonths(5)), Ct);
        Assert.Equal(month, once.EndMonth);
    }

    [Fact]
    public async Task AViewer_ChangesNothing_AndAnAnalystsChangesAreAudited()
    {
        var viewer = await PersonAsync(AppRoles.Viewer);
        var analyst = await PersonAsync(AppRoles.Analyst);
        var month = await MonthAsync();
        var name = "Audited " + Guid.NewGuid();
        var draft = new BudgetDraft(name, CostScopeKind.Total, "", 100m, month, true, null);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Budgets.CreateAsync(viewer, draft, Ct));
        var b = await Budgets.CreateAsync(analyst, draft, Ct);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Budgets.UpdateAsync(viewer, b.Id, draft with { Amount = 1m }, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Budgets.DeleteAsync(viewer, b.Id, Ct));
        Assert.Equal(100m, (await Budgets.GetAsync(b.Id, Ct))!.Amount);

        await Budgets.UpdateAsync(analyst, b.Id, draft with { Amount = 250.5m }, Ct);
        await Host.Get<IBudgetEvaluation>().EvaluateAsync(Ct);
        Assert.NotEmpty(await Budgets.CrossingsAsync(b.Id, 10, Ct));
        await Budgets.DeleteAsync(analyst, b.Id, Ct);

        Assert.Null(await Budgets.GetAsync(b.Id, Ct));
        Assert.Empty(await Budgets.CrossingsAsync(b.Id, 10, Ct));
        var entries = (await Host.Get<AuditTrail>().ListAsync(Actor.System, new AuditQuery("budget.", Take: 500), Ct))
            .Where(e => e.Target == name).OrderBy(e => e.Id).ToList();
        Assert.Equal([AuditActions.BudgetCreate, AuditActions.BudgetEdit, AuditActions.BudgetDelete], entries.Select(e => e.Action).ToList());
        Assert.All(entries, e => Assert.Equal(analyst.Name, e.ActorName));
        Assert.Contains("$100.00 a month", entries[0].Detail);
        Assert.Contains("$250.50 a month", entries[1].Detail);
    }
}
