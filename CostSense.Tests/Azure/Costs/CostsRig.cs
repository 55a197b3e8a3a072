using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Sources.Azure;
using CostSense.Tests.Azure.Fake;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Azure.Costs;

/// <summary>
/// The fake Azure (subscriptions and Cost Management over one <see cref="FakeTenant"/>) and a Core host on a
/// <see cref="SteppingTime"/> clock pointed at it; runs the costs step as a sync does.
/// </summary>
public sealed class CostsRig : IAsyncDisposable
{
    private CostsRig(FakeAzureServer azure, CoreHost host, FakeCostManagement costs, SteppingTime time) =>
        (Azure, Host, Costs, Time) = (azure, host, costs, time);

    public FakeAzureServer Azure { get; }
    public CoreHost Host { get; }
    public FakeCostManagement Costs { get; }
    public SteppingTime Time { get; }
    public List<string> Progress { get; } = [];

    public static async Task<CostsRig> StartAsync(StoreKind kind, DateTimeOffset now, FakeTenant tenant, Action<FakeCostManagement> fill,
        IReadOnlyDictionary<string, string?>? more = null, bool demoTenant = false)
    {
        var ct = TestContext.Current.CancellationToken;
        var costs = new FakeCostManagement(tenant);
        fill(costs);
        var azure = await FakeAzureServer.StartAsync(app =>
        {
            FakeArm.MapSubscriptions(app, tenant.Subscriptions);
            costs.Map(app);
        }, ct);
        var time = new SteppingTime(now);
        costs.Clock = time.GetUtcNow;
        try
        {
            var host = await CoreHost.StartAsync(kind, now, azure.Settings(tenant.Subscriptions.Select(s => s.Id), more),
                services: s =>
                {
                    s.AddSingleton(azure.Setup);
                    s.AddSingleton<TimeProvider>(time);
                }, demoTenant: demoTenant);
            return new CostsRig(azure, host, costs, time);
        }
        catch
        {
            await azure.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the costs step over the tenant's subscriptions, as the sync would.</summary>
    public Task<AzureStepOutcome> RunStepAsync()
    {
        var step = Host.Get<IEnumerable<IAzureSyncStep>>().Single(s => s.Step == AzureSyncStep.Costs);
        var subscriptions = Costs.Tenant.Subscriptions.Select(s => new AzureSubscription(s.Id.ToLowerInvariant(), s.DisplayName)).ToList();
        return step.RunAsync(new AzureSyncContext(subscriptions, Time.GetUtcNow(), new Lines(Progress)), TestContext.Current.CancellationToken);
    }

    /// <summary>The store's cost rows, ordered.</summary>
    public async Task<List<CostRecord>> RowsAsync()
    {
        await using var db = await Host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return (await db.CostRecords.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken))
            .OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.ChargePeriodStart).ThenBy(r => r.ResourceId, StringComparer.Ordinal)
            .ThenBy(r => r.RegionId, StringComparer.Ordinal).ToList();
    }

    public async Task<List<AzureCostMonth>> MonthsAsync()
    {
        await using var db = await Host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return (await db.AzureCostMonths.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken))
            .OrderBy(m => m.Scope, StringComparer.Ordinal).ThenBy(m => m.Month).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azure.DisposeAsync();
    }

    private sealed class Lines(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines) lines.Add(value);
        }
    }
}
