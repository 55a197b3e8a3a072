using Bunit;
using CostSense.Core.Access;
using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;
using CostSense.Core.Money;
using CostSense.Core.Showback;
using CostSense.Tests.Infrastructure;
using CostSense.Web.Components.Pages.Showback;
using CostSense.Web.Startup;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CostSense.Tests.Components;

/// <summary>
/// The /showback page over the real Core services and a SQLite store: the chargeback table lists each value, the
/// untagged row and a total that is the dashboard's; the coverage figure; an Analyst creates a rule through the form
/// and the table shows it allocated; a Viewer gets no form; a bad rule's message is shown; empty and store-down states.
/// </summary>
public sealed class ShowbackPageTests : ComponentTestBase, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 11, 3);
    private readonly StoreStatus _status = new();
    private CoreHost _host = null!;
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await CoreHost.StartAsync(StoreKind.Sqlite, Now);
        Services.AddSingleton(_host.Get<ShowbackService>());
        Services.AddSingleton(_host.Get<AllocationRules>());
        Services.AddSingleton(_host.Get<IDashboardService>());
        Services.AddSingleton(_status);
        _status.MarkReady();
        OnLiveCircuit();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _host.DisposeAsync();
    }

    private async Task SeedAsync()
    {
        CostRecord Row(decimal cost, string group, string? tags)
        {
            var r = Rows.Cost(Day, cost, resourceGroup: group);
            r.Tags = tags;
            return r;
        }
        await _host.Get<CostStore>().ReplacePeriodAsync("test", new(2026, 11, 1), new(2026, 12, 1),
        [
            Row(60.00m, "rg-pay", """{"team":"payments","env":"prod"}"""),
            Row(20.00m, "rg-search", """{"team":"search"}"""),
            Row(33.33m, "rg-shared", null),
        ], Ct);
    }

    private static string Text(IRenderedComponent<ShowbackPage> cut, string testId) => cut.Find($"[data-testid='{testId}']").TextContent.Trim();

    [Fact]
    public async Task TheTable_ListsEachValue_TheUntaggedRow_AndATotalThatReconcilesWithTheDashboard()
    {
        await SeedAsync();
        var dashboard = await _host.Get<IDashboardService>().GetAsync(new CostFilter(new(2026, 11, 1), new(2026, 11, 30)), Ct);

        var cut = Render<ShowbackPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='chargeback-table']")), TimeSpan.FromSeconds(10));
        Assert.Equal(["payments", "search"], cut.FindAll("[data-testid='row-label']").Select(e => e.TextContent));
        Assert.Contains("Untagged", Text(cut, "row-untagged"));
        var totals = cut.FindAll("[data-testid='row-total']").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["$60.00", "$20.00", "$33.33"], totals);
        Assert.Equal(MoneyFormat.Format(dashboard.RangeTotal, "USD"), Text(cut, "chargeback-total"));
        Assert.Contains($"reconciles with the dashboard's total for the same range: {MoneyFormat.Format(dashboard.RangeTotal, "USD")}", Text(cut, "chargeback-reconciles"));
        Assert.Contains("70.6%", Text(cut, "showback-coverage"));   // 80.00 of 113.33
        Assert.NotNull(cut.Find("[data-testid='showback-donut']"));
        Assert.Equal("/showback/export.csv?key=team&month=2026-11", cut.Find("[data-testid='showback-csv']").GetAttribute("href"));
    }

    [Fact]
    public async Task AnAnalyst_CreatesARule_AndTheTableShowsTheSharedCostAllocated()
    {
        await SeedAsync();
        var analyst = await _host.AddPersonAsync("ann@costsense.test", AppRoles.Analyst);
        Authentication.SignInAs(analyst);
        var cut = Render<ShowbackPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='rule-form']")), TimeSpan.FromSeconds(10));
        var card = cut.FindComponent<AllocationRulesCard>();

        await cut.InvokeAsync(() => card.FindComponents<MudTextField<string>>()
            .Single(c => c.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == "rule-form-name").Instance.ValueChanged.InvokeAsync("Shared platform"));
        await cut.InvokeAsync(() => card.FindComponents<MudSelect<AllocationSource>>().Single().Instance.ValueChanged.InvokeAsync(AllocationSource.Untagged));
        await cut.InvokeAsync(() => cut.Find("[data-testid='rule-form-save']").Click());

        cut.WaitForAssertion(() => Assert.Contains("Saved \"Shared platform\"", Text(cut, "rule-notice")), TimeSpan.FromSeconds(10));
        cut.WaitForAssertion(() => Assert.Equal(["$85.00", "$28.33", "$0.00"], cut.FindAll("[data-testid='row-total']").Select(e => e.TextContent.Trim())));
        Assert.Equal(["$25.00", "$8.33", "-$33.33"], cut.FindAll("[data-testid='row-allocated']").Select(e => e.ChildNodes[0].TextContent.Trim()));
        Assert.Contains("Took $33.33, split across 2 value(s).", Text(cut, "rule-outcome"));
    }

    [Fact]
    public async Task ARuleThatIsNotValid_ShowsTheMessageNamingTheField()
    {
        await SeedAsync();
        Authentication.SignInAs(await _host.AddPersonAsync("ann@costsense.test", AppRoles.Analyst));
        var cut = Render<ShowbackPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='rule-form']")), TimeSpan.FromSeconds(10));

        await cut.InvokeAsync(() => cut.Find("[data-testid='rule-form-save']").Click());

        cut.WaitForAssertion(() => Assert.Equal("Name: give the rule a name.", Text(cut, "rule-error")));
        Assert.Empty(await _host.Get<AllocationRules>().ListAsync(Ct));
    }

    [Fact]
    public async Task AViewer_SeesTheRulesAndTheirOutcome_ButNoFormNorEditButtons()
    {
        await SeedAsync();
        var analyst = await _host.AddPersonAsync("ann@costsense.test", AppRoles.Analyst);
        await _host.Get<AllocationRules>().CreateAsync(analyst, new AllocationRuleDraft("By env", "env", AllocationSource.Untagged, null,
            AllocationMethod.Proportional, null, 1), Ct);
        Authentication.SignInAs(AppRoles.Viewer);

        var cut = Render<ShowbackPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='chargeback-table']")), TimeSpan.FromSeconds(10));
        Assert.Equal("By env", Text(cut, "rule-name"));
        Assert.Contains("Not applied: this view is by team", Text(cut, "rule-outcome"));
        Assert.Contains("do not apply to this view by team", Text(cut, "showback-other-rules"));
        Assert.Empty(cut.FindAll("[data-testid='rule-form']"));
        Assert.Empty(cut.FindAll("[data-testid='rule-edit']"));
    }

    [Fact]
    public void AnEmptyStore_SaysThereIsNoCostYet()
    {
        var cut = Render<ShowbackPage>();

        cut.WaitForAssertion(() => Assert.Contains("No cost in the store yet", Text(cut, "showback-empty")), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("[data-testid='chargeback-table']"));
    }

    [Fact]
    public void AStoreThatIsDown_SaysWhy_AndShowsNoTable()
    {
        _status.MarkFailed("The store at db:5432 refused the connection.", 2, TimeSpan.FromSeconds(30));

        var cut = Render<ShowbackPage>();

        Assert.Contains("refused the connection", Text(cut, "store-problem"));
        Assert.Empty(cut.FindAll("[data-testid='chargeback-table']"));
    }
}

/// <summary>The dashboard card over the real services: the largest values, the untagged cost, and the dashboard's total.</summary>
public sealed class ShowbackCardTests : ComponentTestBase, IAsyncLifetime
{
    private CoreHost _host = null!;
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await CoreHost.StartAsync(StoreKind.Sqlite, new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero));
        Services.AddSingleton(_host.Get<ShowbackService>());
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task TheCard_ListsTheTopValues_OthersSummed_TheUntaggedCost_AndTheDashboardsTotal()
    {
        var day = new DateOnly(2026, 11, 3);
        var rows = Enumerable.Range(1, 7).Select(i =>
        {
            var r = Rows.Cost(day, i * 10m, resourceGroup: $"rg-{i}");
            r.Tags = $$"""{"cost-center":"CC-{{i}}"}""";
            return r;
        }).Append(Rows.Cost(day, 1.25m, resourceGroup: "rg-none")).ToList();
        await _host.Get<CostStore>().ReplacePeriodAsync("test", new(2026, 11, 1), new(2026, 12, 1), rows, Ct);
        var filter = new CostFilter(new(2026, 11, 1), new(2026, 11, 30));
        var dashboard = await _host.Get<IDashboardService>().GetAsync(filter, Ct);

        var cut = Render<ShowbackCard>(p => p.Add(c => c.Filter, filter));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='showback-card-total']")), TimeSpan.FromSeconds(10));
        Assert.Equal(["CC-7", "CC-6", "CC-5", "CC-4", "CC-3"], cut.FindAll("[data-testid='showback-card-row'] td:first-child").Select(e => e.TextContent));
        var others = cut.Find("[data-testid='showback-card-others']").TextContent;
        Assert.Contains("2 other value(s)", others);
        Assert.Contains("$30.00", others);
        Assert.Contains("$1.25", cut.Find("[data-testid='showback-card-untagged']").TextContent);
        Assert.Equal(MoneyFormat.Format(dashboard.RangeTotal, "USD"), cut.Find("[data-testid='showback-card-total']").TextContent);
        Assert.Equal("$281.25", MoneyFormat.Format(dashboard.RangeTotal, "USD"));
    }
}
