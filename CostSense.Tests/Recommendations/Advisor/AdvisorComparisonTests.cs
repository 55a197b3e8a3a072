using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Advisor;
using CostSense.Core.Recommendations.CostOnly;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Recommendations.Advisor;

/// <summary>
/// The grids' Advisor filter through the service on the demo tenant's real recommendations, with Advisor rows constructed
/// beside them, on SQLite and PostgreSQL: agrees, differs and Advisor only filter in the store, page and count right, and
/// the page carries each row's opinion and each VM's metrics source.
/// </summary>
public abstract class AdvisorComparisonTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Scene(CoreHost Host, Recommendation Resize, Recommendation Idle, List<AdvisorRecommendation> Advisor) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    private static AdvisorRecommendation Row(string id, string resourceId, string? target, decimal? monthly, string typeId = AdvisorActions.LowUsageVm,
        string problem = "Right-size or shutdown underutilized virtual machines", string? term = null) => new()
    {
        Id = $"{resourceId}/providers/Microsoft.Advisor/recommendations/{id}", ResourceId = resourceId.ToLowerInvariant(),
        SubscriptionId = resourceId.Split('/')[2].ToLowerInvariant(), RecommendationTypeId = typeId, Problem = problem, Solution = problem,
        TargetSku = target, Term = term, MonthlySavings = monthly, AnnualSavings = monthly * 12, Impact = "High", SyncedAt = Now,
    };

    private async Task<Scene> StartAsync()
    {
        var host = await CoreHost.StartAsync(Kind, Now, demoTenant: true);
        try
        {
            var service = host.Get<IRecommendationService>();
            var all = (await service.QueryAsync(new RecommendationQuery(RecommendationKind.Compute, Take: 500), Ct)).Items;
            // Resources with exactly one recommendation, so each row's verdict is the test's alone.
            var single = all.GroupBy(r => r.ResourceId).Where(g => g.Count() == 1).Select(g => g.Single()).ToList();
            var resize = single.First(r => r.Action == RecommendationAction.Resize);
            var idle = single.First(r => r.Action == RecommendationAction.Deallocate);
            await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
            var covered = all.Select(r => r.ResourceId.ToLowerInvariant()).ToHashSet();
            var storageCovered = (await service.QueryAsync(new RecommendationQuery(RecommendationKind.Storage, Take: 500), Ct)).Items.Select(r => r.ResourceId.ToLowerInvariant()).ToHashSet();
            var bareVm = (await db.VirtualMachines.Select(v => v.ResourceId).ToListAsync(Ct)).First(id => !covered.Contains(id.ToLowerInvariant()));
            var bareAccount = (await db.StorageAccounts.Select(a => a.ResourceId).ToListAsync(Ct)).First(id => !storageCovered.Contains(id.ToLowerInvariant()));
            var subscription = "/subscriptions/" + resize.SubscriptionId;
            List<AdvisorRecommendation> advisor =
            [
                Row("agree", resize.ResourceId, resize.Target, 30m),
                Row("differ", idle.ResourceId, "Standard_B2s", null),
                Row("bare-vm", bareVm, null, null),
                Row("bare-account", bareAccount, null, 12m, "00000000-0000-0000-0000-000000000004", "Use lifecycle management"),
                Row("ri", subscription, "Standard_D4s_v5", 88m, AdvisorActions.VmReservedInstance, "Buy virtual machine reserved instances to save money over pay-as-you-go costs", "P3Y"),
            ];
            db.AdvisorRecommendations.AddRange(advisor);
            await db.SaveChangesAsync(Ct);
            return new Scene(host, resize, idle, advisor);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task Agrees_ListsOnlyTheRecommendationAdvisorAgreesWith()
    {
        await using var scene = await StartAsync();

        var page = await scene.Host.Get<IRecommendationService>().QueryAsync(new RecommendationQuery(RecommendationKind.Compute, Advisor: AdvisorFilter.Agrees), Ct);

        var row = Assert.Single(page.Items);
        Assert.Equal(scene.Resize.Id, row.Id);
        Assert.Equal(1, page.TotalCount);
        Assert.Equal(row.MonthlySavings, page.TotalMonthlySavings);
        Assert.Equal(AdvisorVerdict.Agrees, page.Advisor[row.Id].Verdict);
        Assert.True(page.HasAdvisorData);
    }

    [Fact]
    public async Task Differs_ListsTheIdleVmAdvisorWouldResize_WithBothTargets()
    {
        await using var scene = await StartAsync();

        var page = await scene.Host.Get<IRecommendationService>().QueryAsync(new RecommendationQuery(RecommendationKind.Compute, Advisor: AdvisorFilter.Differs), Ct);

        var row = Assert.Single(page.Items);
        Assert.Equal(scene.Idle.Id, row.Id);
        var opinion = page.Advisor[row.Id];
        Assert.Equal((AdvisorVerdict.Differs, "Standard_B2s", scene.Idle.Target), (opinion.Verdict, opinion.AdvisorTarget, opinion.OurTarget));
        Assert.Null(opinion.Advisor.MonthlySavings);
    }

    [Fact]
    public async Task AnyAdvisor_KeepsEveryRow_AndAnnotatesOnlyTheOnesAdvisorSpeaksOf_AndTheirMetricsSource()
    {
        await using var scene = await StartAsync();
        var service = scene.Host.Get<IRecommendationService>();

        var page = await service.QueryAsync(new RecommendationQuery(RecommendationKind.Compute, Take: 500), Ct);

        Assert.Equal(new[] { scene.Idle.Id, scene.Resize.Id }.Order(StringComparer.Ordinal), page.Advisor.Keys.Order(StringComparer.Ordinal));
        // The demo tenant's VMs with metrics say "demo"; none is from Azure Monitor.
        Assert.Contains(page.MetricsSources.Values, s => s == MetricsSource.Demo);
        Assert.DoesNotContain(page.MetricsSources.Values, s => s == MetricsSource.AzureMonitor);
        var basis = await scene.Host.Get<DataBasisReader>().ReadAsync(Ct);
        Assert.Equal((0, basis.VmsWithMetrics), (basis.VmsFromAzureMonitor, basis.VmsFromDemo));
    }

    [Fact]
    public async Task AdvisorOnly_ListsAdvisorsRowsOnResourcesWithoutARecommendation_OnTheirOwnGrid()
    {
        await using var scene = await StartAsync();
        var service = scene.Host.Get<IRecommendationService>();

        var compute = await service.AdvisorOnlyAsync(new RecommendationQuery(RecommendationKind.Compute, Advisor: AdvisorFilter.AdvisorOnly), Ct);
        var storage = await service.AdvisorOnlyAsync(new RecommendationQuery(RecommendationKind.Storage, Advisor: AdvisorFilter.AdvisorOnly), Ct);
        var firstOfTwo = await service.AdvisorOnlyAsync(new RecommendationQuery(RecommendationKind.Compute, Advisor: AdvisorFilter.AdvisorOnly, Take: 1), Ct);
        var theirs = await service.QueryAsync(new RecommendationQuery(RecommendationKind.Compute, Advisor: AdvisorFilter.AdvisorOnly), Ct);

        // The reservation (88 a month) before the VM whose saving Advisor did not give.
        Assert.Equal(["ri", "bare-vm"], compute.Items.Select(a => a.Id.Split('/')[^1]));
        Assert.Equal(2, compute.TotalCount);
        Assert.Equal(["bare-account"], storage.Items.Select(a => a.Id.Split('/')[^1]));
        Assert.Equal((2, "ri"), (firstOfTwo.TotalCount, Assert.Single(firstOfTwo.Items).Id.Split('/')[^1]));
        Assert.Empty(theirs.Items);
    }

    [Fact]
    public async Task WithoutAdvisorData_ThePageSaysSo_AndTheCsvKeepsItsColumns()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now, demoTenant: true);
        var service = host.Get<IRecommendationService>();

        var page = await service.QueryAsync(new RecommendationQuery(RecommendationKind.Compute, Take: 5), Ct);
        var csv = new StringWriter();
        await service.WriteCsvAsync(new RecommendationQuery(RecommendationKind.Compute), csv, Ct);

        Assert.False(page.HasAdvisorData);
        Assert.Empty(page.Advisor);
        Assert.DoesNotContain("Advisor", csv.ToString().Split('\n')[0]);
    }

    [Fact]
    public async Task TheCsv_CarriesAdvisorsOpinion_WhenThereIsAdvisorData()
    {
        await using var scene = await StartAsync();
        var csv = new StringWriter();

        await scene.Host.Get<IRecommendationService>().WriteCsvAsync(new RecommendationQuery(RecommendationKind.Compute, Advisor: AdvisorFilter.Differs), csv, Ct);

        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",Advisor,AdvisorTarget", lines[0].TrimEnd('\r'));
        var row = Assert.Single(lines[1..]);
        Assert.StartsWith(scene.Idle.Id + ",", row);
        Assert.EndsWith(",Differs,Standard_B2s", row.TrimEnd('\r'));
    }
}

public sealed class SqliteAdvisorComparisonTests : AdvisorComparisonTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresAdvisorComparisonTests : AdvisorComparisonTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
