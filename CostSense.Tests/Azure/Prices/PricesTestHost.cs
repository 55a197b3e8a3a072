using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Sources.Azure;
using CostSense.Core.Sources.Azure.Prices;
using CostSense.Tests.Azure.Fake;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Azure.Prices;

/// <summary>What the prices tests share: a Core host on the fake Azure, VMs put in the store, the step run, the rows read.</summary>
internal static class PricesTestHost
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    public const string Subscription = "aaaaaaaa-0000-0000-0000-000000000001";

    public static Task<CoreHost> StartAsync(StoreKind kind, FakeAzureServer azure, bool demoTenant = false) =>
        CoreHost.StartAsync(kind, Now, azure.Settings([Subscription]), services: s => s.AddSingleton(azure.Setup), demoTenant: demoTenant);

    /// <summary>VMs in the store as the inventory step writes them (source azure:inventory unless said).</summary>
    public static async Task AddVmsAsync(CoreHost host, params (string Size, string Region, string Os, string Source)[] vms)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(ct);
        var n = 0;
        foreach (var (size, region, os, source) in vms)
        {
            n++;
            db.VirtualMachines.Add(new VirtualMachine
            {
                ResourceId = $"/subscriptions/{Subscription}/resourcegroups/rg-app/providers/microsoft.compute/virtualmachines/vm-{n}",
                Source = source, Name = $"vm-{n}", SubscriptionId = Subscription, ResourceGroup = "rg-app", Region = region, Size = size,
                VCpus = 4, MemoryGiB = 16, OsType = os, PowerState = PowerState.Running, PowerStateSince = new DateOnly(2026, 1, 1),
            });
        }
        await db.SaveChangesAsync(ct);
    }

    public static Task<AzureStepOutcome> RunStepAsync(CoreHost host) =>
        host.Services.GetServices<IAzureSyncStep>().OfType<AzurePricesStep>().Single()
            .RunAsync(new AzureSyncContext([new AzureSubscription(Subscription, "Production")], host.Time.GetUtcNow(), new Progress<string>()),
                TestContext.Current.CancellationToken);

    public static async Task<List<RetailPrice>> RowsAsync(CoreHost host)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(ct);
        return (await db.RetailPrices.AsNoTracking().ToListAsync(ct))
            .OrderBy(r => r.Region, StringComparer.Ordinal).ThenBy(r => r.ArmSkuName, StringComparer.Ordinal).ThenBy(r => r.Kind).ToList();
    }
}
