using System.Net.Sockets;
using Bunit;
using CostSense.Core.Costs;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Components;
using CostSense.Web.Startup;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using DashboardPage = CostSense.Web.Components.Pages.Dashboard.Dashboard;

namespace CostSense.Tests.Faults;

/// <summary>The dashboard page when the store goes away, and while start-up waits for it: words and a Retry, never a stack trace.</summary>
public sealed class DashboardStoreFaultTests : ComponentTestBase
{
    private readonly FlakyDashboards _dashboards = new();
    private readonly StoreStatus _status = new();

    public DashboardStoreFaultTests()
    {
        Services.AddSingleton<IDashboardService>(_dashboards);
        Services.AddSingleton<IDemoTenantService>(new NoDemo());
        Services.AddSingleton<CostSense.Core.Recommendations.IRecommendationService>(new CostSense.Tests.Components.FakeRecommendationService());
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 8, 0, 0, TimeSpan.Zero)));
        Services.AddSingleton(_status);
        StubDashboardCards();
        OnLiveCircuit();
    }

    public static TheoryData<Exception, string> StoreFailures => new()
    {
        { new NpgsqlException("Exception while reading from stream", new IOException("Unable to read data from the transport connection", new SocketException((int)SocketError.ConnectionReset))), "the connection was dropped" },
        { new RetryLimitExceededException("The maximum number of retries (3) was exceeded", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused))), "connection refused" },
        { new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"))), "no answer in time" },
    };

    [Theory]
    [MemberData(nameof(StoreFailures))]
    public void Dashboard_WhenTheStoreStopsAnswering_SaysSoWithARetry_AndLoadsOnRetryOnceItIsBack(Exception failure, string reason)
    {
        _status.MarkReady();
        _dashboards.Failure = failure;

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.Contains($"The store did not answer ({reason})", cut.Find("[data-testid='dashboard-error']").TextContent));
        Assert.DoesNotContain("   at ", cut.Markup);
        Assert.DoesNotContain("Exception", cut.Markup);
        Assert.DoesNotContain("5432", cut.Markup);

        _dashboards.Failure = null;
        cut.Find("[data-testid='store-retry']").Click();

        cut.WaitForAssertion(() => Assert.Equal("$12,345.68", cut.Find("[data-testid='kpi-mtd']").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid='dashboard-error']"));
    }

    [Fact]
    public void Dashboard_WhenAFilterChangeFails_RetryLoadsThatFilterAgain()
    {
        _status.MarkReady();
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='kpi-mtd']")));
        _dashboards.Failure = new TimeoutException("The operation has timed out.");

        cut.FindAll("[data-testid='dashboard-filters'] button").Single(b => b.TextContent.Trim() == "Last month").Click();
        cut.WaitForAssertion(() => Assert.Contains("no answer in time", cut.Find("[data-testid='dashboard-error']").TextContent));
        _dashboards.Failure = null;
        cut.Find("[data-testid='store-retry']").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid='dashboard-error']")));
        var lastMonth = new CostFilter(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28));
        Assert.Equal([lastMonth, lastMonth], _dashboards.Requests.Skip(1));
    }

    [Fact]
    public async Task Dashboard_WhileStartUpRetries_SaysWhenItTriesNextWithoutQuerying_AndLoadsItselfOnceTheStoreIsUp()
    {
        _status.MarkFailed("PostgreSQL (ConnectionStrings:CostSense) could not be reached (connection refused).", attempt: 3, retryIn: TimeSpan.FromSeconds(8));

        var cut = Render<DashboardPage>();

        var problem = cut.Find("[data-testid='store-problem']").TextContent;
        Assert.Contains("could not be reached (connection refused)", problem);
        Assert.Contains("attempt 3 failed, the next one is in 8 seconds", problem);
        Assert.Empty(_dashboards.Requests);

        // Start-up marks the store ready on its own thread.
        await Task.Run(_status.MarkReady, Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() => Assert.Equal("$12,345.68", cut.Find("[data-testid='kpi-mtd']").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid='store-problem']"));
    }

    private sealed class FlakyDashboards : IDashboardService
    {
        public Exception? Failure { get; set; }
        public List<CostFilter> Requests { get; } = [];

        public Task<DashboardSnapshot> GetAsync(CostFilter filter, CancellationToken ct)
        {
            Requests.Add(filter);
            return Failure is null ? Task.FromResult(Snapshots.For(filter)) : Task.FromException<DashboardSnapshot>(Failure);
        }

        public Task<DateOnly?> LatestDataDateAsync(CancellationToken ct) =>
            Failure is null ? Task.FromResult<DateOnly?>(Snapshots.Latest) : Task.FromException<DateOnly?>(Failure);
    }

    private sealed class NoDemo : IDemoTenantService
    {
        public Task<DemoTenantSummary> GenerateAsync(CostSense.Core.Access.Actor actor, CancellationToken ct) => throw new NotSupportedException("Not used by these tests.");
        public Task<int> RemoveAsync(CostSense.Core.Access.Actor actor, CancellationToken ct) => throw new NotSupportedException("Not used by these tests.");
        public Task<bool> SeedOnStartAsync(CancellationToken ct) => Task.FromResult(false);
    }
}
