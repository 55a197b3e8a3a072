using Bunit;
using MudBlazor;
using CostSense.Core.Costs;
using CostSense.Core.Sources.Demo;
using CostSense.Web.Startup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using CostSense.Web.Components.Pages.Dashboard;
using DashboardPage = CostSense.Web.Components.Pages.Dashboard.Dashboard;

namespace CostSense.Tests.Components;

public sealed class DashboardPageTests : ComponentTestBase
{
    private readonly FakeDashboardService _dashboards = new();

    public DashboardPageTests()
    {
        Services.AddSingleton<IDashboardService>(_dashboards);
        Services.AddSingleton<IDemoTenantService>(new FakeDemoTenantService());
        Services.AddSingleton<CostSense.Core.Recommendations.IRecommendationService>(new FakeRecommendationService());
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 8, 0, 0, TimeSpan.Zero)));
        _status.MarkReady();
        Services.AddSingleton(_status);
        StubDashboardCards();
        OnLiveCircuit();
    }

    private readonly StoreStatus _status = new();

    [Fact]
    public void Dashboard_WithCostInAnotherCurrency_SaysItIsNotIncluded()
    {
        _dashboards.Latest = Snapshots.Latest;
        _dashboards.OtherCurrencies = ["CAD"];

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.Contains("billed in CAD is not included", cut.Find("[data-testid='other-currencies']").TextContent));
    }

    [Fact]
    public void Dashboard_WithSeveralProviders_ShowsTheProviderFilterAndTheProviderCard()
    {
        _dashboards.Latest = Snapshots.Latest;
        _dashboards.Providers = ["AWS", "Microsoft", "Oracle"];

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='breakdown-providers']")));
        Assert.Equal(_dashboards.Providers, cut.FindAll("[data-testid='breakdown-providers'] [data-testid='breakdown-row'] td.name").Select(td => td.TextContent.Trim()));
        Assert.Single(cut.FindAll(".provider-select"));
        Assert.Equal(_dashboards.Providers, cut.FindComponent<DashboardFilters>().Instance.Providers);
    }

    [Fact]
    public void Dashboard_WithOneProvider_OffersNoProviderChoiceNorCard()
    {
        _dashboards.Latest = Snapshots.Latest;

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='breakdown-services']")));
        Assert.Empty(cut.FindAll(".provider-select"));
        Assert.Empty(cut.FindAll("[data-testid='breakdown-providers']"));
    }

    [Fact]
    public async Task Dashboard_ChoosingAProvider_ReloadsForIt_KeepsItAcrossDatePresets_AndDropsAnotherProvidersSubscription()
    {
        _dashboards.Latest = Snapshots.Latest;
        _dashboards.Providers = ["AWS", "Microsoft"];
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='breakdown-providers']")));
        MudSelect<string> Select(string testId) => cut.FindComponents<MudSelect<string>>()
            .Single(c => c.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == testId).Instance;
        var month = new CostFilter(new DateOnly(2026, 3, 1), Snapshots.Latest);

        await cut.InvokeAsync(() => Select("subscription-select").ValueChanged.InvokeAsync("sub-1"));
        await cut.InvokeAsync(() => Select("provider-select").ValueChanged.InvokeAsync("Microsoft"));
        await cut.InvokeAsync(() => Select("provider-select").ValueChanged.InvokeAsync("AWS"));
        cut.FindAll("[data-testid='dashboard-filters'] button").Single(b => b.TextContent.Trim() == "Last month").Click();

        cut.WaitForAssertion(() => Assert.Equal(5, _dashboards.Requests.Count));
        Assert.Equal(
            [month, month with { SubscriptionId = "sub-1" }, month with { SubscriptionId = "sub-1", ProviderName = "Microsoft" },
             month with { ProviderName = "AWS" }, new CostFilter(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), ProviderName: "AWS")],
            _dashboards.Requests);
        cut.WaitForAssertion(() => Assert.Equal(["AWS"],
            cut.FindAll("[data-testid='breakdown-providers'] [data-testid='breakdown-row'] td.name").Select(td => td.TextContent.Trim())));
        Assert.Equal("AWS", cut.FindComponent<DashboardFilters>().Instance.Filter.ProviderName);
    }

    [Fact]
    public void Dashboard_WhenTheStoreDidNotComeUp_SaysWhatToDoWithoutQueryingIt()
    {
        _status.MarkFailed("PostgreSQL (ConnectionStrings:CostSense) could not be reached.");
        _dashboards.Latest = Snapshots.Latest;

        var cut = Render<DashboardPage>();

        Assert.Contains("could not be reached", cut.Find("[data-testid='store-problem']").TextContent);
        Assert.Empty(_dashboards.Requests);
        Assert.Empty(cut.FindAll(".mud-progress-linear"));
    }

    [Fact]
    public void Dashboard_WithData_LoadsMonthToDateOfTheLatestDayAndShowsItsKpis()
    {
        _dashboards.Latest = Snapshots.Latest;

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.Equal("$12,345.68", cut.Find("[data-testid='kpi-mtd']").TextContent.Trim()));
        Assert.Equal(new CostFilter(new DateOnly(2026, 3, 1), Snapshots.Latest), Assert.Single(_dashboards.Requests));
        Assert.Equal("+5.5%", cut.Find("[data-testid='kpi-change']").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid='empty-state']"));
    }

    [Fact]
    public void Dashboard_ChoosingLastMonth_ReloadsTheSnapshotForThatMonth()
    {
        _dashboards.Latest = Snapshots.Latest;
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='kpi-mtd']")));

        cut.FindAll("[data-testid='dashboard-filters'] button").Single(b => b.TextContent.Trim() == "Last month").Click();

        cut.WaitForAssertion(() => Assert.Contains("Last month", cut.Find("[data-testid='dashboard-filters'] .mud-button-filled").TextContent));
        Assert.Equal(
            [new CostFilter(new DateOnly(2026, 3, 1), Snapshots.Latest), new CostFilter(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28))],
            _dashboards.Requests);
    }

    [Fact]
    public void Dashboard_WithEmptyStore_ShowsTheEmptyStateInsteadOfWidgets()
    {
        _dashboards.Latest = null;

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='generate-demo']")));
        Assert.Empty(cut.FindAll("[data-testid='kpi-mtd']"));
        Assert.Empty(_dashboards.Requests);
    }

    [Fact]
    public void Dashboard_WhenTheServiceFails_ShowsTheMessageInsteadOfCrashing()
    {
        _dashboards.Latest = Snapshots.Latest;
        _dashboards.Failure = new InvalidOperationException("database is locked");

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.Contains("database is locked", cut.Find("[data-testid='dashboard-error']").TextContent));
    }

    private sealed class FakeDemoTenantService : IDemoTenantService
    {
        public Task<DemoTenantSummary> GenerateAsync(CostSense.Core.Access.Actor actor, CancellationToken ct) => throw new NotSupportedException("Not used by these tests.");
        public Task<int> RemoveAsync(CostSense.Core.Access.Actor actor, CancellationToken ct) => throw new NotSupportedException("Not used by these tests.");
        public Task<bool> SeedOnStartAsync(CancellationToken ct) => Task.FromResult(false);
    }
}
