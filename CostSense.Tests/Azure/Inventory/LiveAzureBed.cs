using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Sources.Azure;
using CostSense.Tests.Azure.Fake;
using CostSense.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Azure.Inventory;

/// <summary>
/// A fake tenant served by the compute, resources, monitor and subscription fakes, and a Core host pointed at it: the
/// inventory and metrics tests run the real steps (resolved from DI) against it. <see cref="Fail"/> makes the fake answer
/// an error for the paths containing a fragment, to prove a failed step keeps the previous data.
/// </summary>
internal sealed class LiveAzureBed : IAsyncDisposable
{
    private LiveAzureBed(FakeTenant tenant, FakeMetricData metrics) => (Tenant, Metrics) = (tenant, metrics);

    public FakeTenant Tenant { get; }
    public FakeMetricData Metrics { get; }
    public FakeAzureServer Azure { get; private set; } = null!;
    public CoreHost Host { get; private set; } = null!;

    /// <summary>When set, requests whose path contains the fragment get this status with ARM's error shape.</summary>
    public (string PathContains, int Status, string Code)? Fail { get; set; }

    public IReadOnlyList<AzureSubscription> Subscriptions =>
        Tenant.Subscriptions.Select(s => new AzureSubscription(s.Id.ToLowerInvariant(), s.DisplayName)).ToList();

    public static async Task<LiveAzureBed> StartAsync(StoreKind kind, DateTimeOffset now, FakeTenant tenant, FakeMetricData? metrics = null,
        int pageSize = 2, IReadOnlyDictionary<string, (int Cores, int MemoryMiB)>? sizes = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = new LiveAzureBed(tenant, metrics ?? new FakeMetricData());
        bed.Azure = await FakeAzureServer.StartAsync(app =>
        {
            ((IApplicationBuilder)app).Use(async (context, next) =>
            {
                if (bed.Fail is { } f && context.Request.Path.Value!.Contains(f.PathContains, StringComparison.OrdinalIgnoreCase))
                    await FakeAzureServer.Error(context, f.Status, f.Code, $"The fake answers {f.Status} {f.Code} for {context.Request.Path}.");
                else
                    await next(context);
            });
            FakeArm.MapSubscriptions(app, tenant.Subscriptions);
            FakeCompute.Map(app, tenant, pageSize, sizes);
            FakeResources.Map(app, tenant, pageSize);
            FakeMonitor.Map(app, tenant, bed.Metrics);
        }, ct);
        try
        {
            bed.Host = await CoreHost.StartAsync(kind, now, bed.Azure.Settings(tenant.Subscriptions.Select(s => s.Id)),
                services: s => s.AddSingleton(bed.Azure.Setup));
        }
        catch
        {
            await bed.Azure.DisposeAsync();
            throw;
        }
        return bed;
    }

    /// <summary>Runs one step as a sync would, at the host clock's time; progress lines go to <paramref name="progress"/>.</summary>
    public Task<AzureStepOutcome> RunAsync(AzureSyncStep step, List<string>? progress = null)
    {
        var lines = progress ?? [];
        return Host.Services.GetServices<IAzureSyncStep>().Single(s => s.Step == step)
            .RunAsync(new AzureSyncContext(Subscriptions, Host.Time.GetUtcNow(), new Lines(lines)), TestContext.Current.CancellationToken);
    }

    public async Task<T> ReadAsync<T>(Func<CostSenseDbContext, Task<T>> read)
    {
        await using var db = await Host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await read(db);
    }

    /// <summary>Everything the inventory and metrics steps own, as comparable text (one line per row, ordered).</summary>
    public Task<List<string>> SnapshotAsync() => ReadAsync(async db =>
    {
        var ct = TestContext.Current.CancellationToken;
        var vms = await db.VirtualMachines.AsNoTracking().OrderBy(v => v.ResourceId).ToListAsync(ct);
        var accounts = await db.StorageAccounts.AsNoTracking().OrderBy(a => a.ResourceId).ToListAsync(ct);
        var metrics = await db.DailyMetrics.AsNoTracking().OrderBy(m => m.ResourceId).ThenBy(m => m.Date).ToListAsync(ct);
        var rollups = await db.UtilizationRollups.AsNoTracking().OrderBy(r => r.Date).ThenBy(r => r.SubscriptionId).ToListAsync(ct);
        return vms.Select(v => $"vm {v.ResourceId} {v.Source} {v.Size} {v.VCpus} {v.MemoryGiB} {v.PowerState} {v.PowerStateSince} {v.Workload} {v.Environment} {v.DiskSizeGiB} {v.DiskSku} {v.Zones} {v.Tags}")
            .Concat(accounts.Select(a => $"sa {a.ResourceId} {a.Source} {a.Kind} {a.AccessTier} {a.Replication} {a.Purpose} {a.Environment} {a.UsedCapacityGiB} {a.ReadTransactionsPerDay} {a.WriteTransactionsPerDay} {a.LastAccessed}"))
            .Concat(metrics.Select(m => $"m {m.ResourceId} {m.Date} {m.HoursRunning} {m.CpuAverage} {m.CpuMax} {m.CpuP95} {m.MemoryAverage} {m.MemoryMax} {m.MemoryP95} {m.NetworkMiB}"))
            .Concat(rollups.Select(r => $"r {r.Date} {r.SubscriptionId} {r.VmCount} {r.CpuAverageSum} {r.CpuP95Sum}"))
            .ToList();
    });

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azure.DisposeAsync();
    }

    private sealed class Lines(List<string> lines) : IProgress<string>
    {
        public void Report(string value) { lock (lines) lines.Add(value); }
    }
}
