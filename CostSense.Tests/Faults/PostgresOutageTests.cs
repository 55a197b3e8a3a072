using CostSense.Tests.Infrastructure;
using System.Diagnostics;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Web.Startup;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Faults;

/// <summary>The app over PostgreSQL through a proxy that takes the server away and brings it back.</summary>
[Collection(nameof(FaultsCollection))]
public sealed class PostgresOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    [Fact]
    public async Task WithPostgresCut_ReadyIs503AndQueriesFailClearly_AndBothAnswerAgainWithoutARestart()
    {
        await using var app = FaultyApp.Start(postgres: true);
        Assert.True(app.Get<StoreStatus>().Ready);
        var dashboards = app.Get<IDashboardService>();
        var latest = (await dashboards.LatestDataDateAsync(Ct))!.Value;
        var monthToDate = new CostFilter(new DateOnly(latest.Year, latest.Month, 1), latest);
        var before = await dashboards.GetAsync(monthToDate, Ct);
        Assert.Equal(200, (await app.HealthAsync("/health/ready")).Code);

        app.Postgres!.Stop();

        var clock = Stopwatch.StartNew();
        var (code, report) = await app.AdminHealthAsync("/health/ready");
        Log($"ready while cut: {code} in {clock.ElapsedMilliseconds} ms: {report["store"].Description}");
        Assert.Equal(503, code);
        Assert.Equal("Unhealthy", report.Status);
        Assert.Equal("Unhealthy", report["store"].Status);
        Assert.Contains("did not answer", report["store"].Description);
        AssertNoSecrets(report["store"].Description);
        var (probeCode, probeReport) = await app.HealthAsync("/health/ready");
        Assert.Equal((503, "Unhealthy"), (probeCode, probeReport["store"].Status));
        Assert.All(probeReport.Checks, c => Assert.Null(c.Description));
        Assert.Equal(200, (await app.HealthAsync("/health/live")).Code);

        clock.Restart();
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => dashboards.GetAsync(monthToDate, Ct));
        Log($"dashboard while cut: {failure.GetType().Name} after {clock.ElapsedMilliseconds} ms: {StoreFailure.Describe(failure)}");
        Assert.True(StoreFailure.IsStoreFailure(failure), failure.ToString());
        Assert.StartsWith("The store did not answer (", StoreFailure.Describe(failure));

        app.Postgres.Start();

        clock.Restart();
        var after = await dashboards.GetAsync(monthToDate, Ct);
        Log($"dashboard once back: {clock.ElapsedMilliseconds} ms");
        Assert.Equal(before.Kpis, after.Kpis);
        Assert.Equal(before.Daily, after.Daily);
        clock.Restart();
        (code, report) = await app.AdminHealthAsync("/health/ready");
        Log($"ready once back: {code} in {clock.ElapsedMilliseconds} ms: {report["store"].Description}");
        Assert.Equal(200, code);
        Assert.Equal("Healthy", report["store"].Status);
    }

    [Fact]
    public async Task AfterAnOutageNothingNoticed_TheFirstReportAndQueryAnswer()
    {
        await using var app = FaultyApp.Start(postgres: true);
        // Eight connections at once leave eight idle in the pool, each of which the outage breaks.
        var factory = app.Get<IDbContextFactory<CostSenseDbContext>>();
        var open = new List<CostSenseDbContext>();
        for (var i = 0; i < 8; i++)
        {
            var db = await factory.CreateDbContextAsync(Ct);
            await db.Database.OpenConnectionAsync(Ct);
            open.Add(db);
        }
        foreach (var db in open) await db.DisposeAsync();

        app.Postgres!.Stop();
        app.Postgres.Start();

        var (code, report) = await app.HealthAsync("/health/ready");
        Assert.Equal(200, code);
        Assert.Equal("Healthy", report["store"].Status);
        Assert.NotNull(await app.Get<IDashboardService>().LatestDataDateAsync(Ct));
    }

    [Fact]
    public async Task StartedWithPostgresDown_ServesLiveButNotReady_AndFinishesStartUpOnceItIsBack()
    {
        var clock = Stopwatch.StartNew();
        await using var app = FaultyApp.Start(postgres: true, postgresUp: false);
        var status = app.Get<StoreStatus>();

        var (code, _) = await app.HealthAsync("/health/live");
        Log($"live with the store down, {clock.ElapsedMilliseconds} ms after start: {code}");
        Assert.Equal(200, code);
        var (readyCode, report) = await app.HealthAsync("/health/ready");
        Assert.Equal(503, readyCode);
        Assert.Equal("Unhealthy", report["store"].Status);
        // Nobody can be signed in while the store has never answered (accounts and the cookies' key ring live there), so
        // the report is the anonymous one; the problem in words is what the pages and the log say.
        Assert.Null(report["store"].Description);
        Assert.Contains("PostgreSQL (ConnectionStrings:CostSense) could not be reached (connection refused)", status.Problem);
        AssertNoSecrets(status.Problem);
        Assert.False(status.Ready);
        Assert.Equal(StorePhase.Retrying, status.Current.Phase);

        var ready = status.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        app.Postgres!.Start();
        clock.Restart();
        await ready;
        Log($"start-up finished {clock.ElapsedMilliseconds} ms after PostgreSQL came back (retry delays 0.25 s doubling to 1 s)");

        await using var db = await app.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.True(await db.CostRecords.AnyAsync(Ct));
        var (backCode, back) = await app.AdminHealthAsync("/health/ready");
        Assert.Equal(200, backCode);
        Assert.Equal("PostgreSQL (ConnectionStrings:CostSense) answered.", back["store"].Description);
    }

    private static void AssertNoSecrets(string? text)
    {
        Assert.NotNull(text);
        Assert.DoesNotContain("Password", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Username", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Host=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" at ", text);
    }
}
