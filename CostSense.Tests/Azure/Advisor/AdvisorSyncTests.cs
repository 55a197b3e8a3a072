using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Sources.Azure;
using CostSense.Tests.Azure.Fake;
using CostSense.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Azure.Advisor;

/// <summary>The Advisor step inside a whole sync: recorded with its count, and a 403 worded with the role while the old rows stay.</summary>
public sealed class AdvisorSyncTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASync_RecordsTheAdvisorStep_AndA403KeepsTheRowsWithTheRoleNamed()
    {
        var tenant = new FakeTenant();
        tenant.Subscriptions.Add(new("aaaaaaaa-0000-0000-0000-000000000001", "Production"));
        tenant.Vms.AddRange([
            new FakeVm(tenant.Subscriptions[0].Id, "rg-app", "vm-a", "Standard_D4s_v5", "westeurope"),
            new FakeVm(tenant.Subscriptions[0].Id, "rg-app", "vm-b", "Standard_D8s_v5", "westeurope"),
        ]);
        var deny = false;
        await using var azure = await FakeAzureServer.StartAsync(app =>
        {
            ((IApplicationBuilder)app).Use(async (context, next) =>
            {
                if (deny && context.Request.Path.Value!.Contains("Microsoft.Advisor", StringComparison.Ordinal))
                {
                    await FakeAzureServer.Error(context, 403, "AuthorizationFailed", "The client does not have authorization to perform action 'Microsoft.Advisor/recommendations/read'.");
                    return;
                }
                await next(context);
            });
            FakeArm.MapSubscriptions(app, tenant.Subscriptions);
            FakeAdvisor.Map(app, tenant);
        }, Ct);
        await using var host = await CoreHost.StartAsync(StoreKind.Sqlite, Now, azure.Settings(tenant.Subscriptions.Select(s => s.Id)), services: s => s.AddSingleton(azure.Setup));
        var sync = host.Get<AzureSync>();
        var expected = FakeAdvisor.For(tenant).Count(r => r.Category == "Cost");

        var first = await sync.RunAsync("test", Ct);
        deny = true;
        var second = await sync.RunAsync("test", Ct);

        var ok = Assert.Single(first!.Steps, s => s.Step == AzureSyncStep.Advisor);
        Assert.Equal((AzureSyncStatus.Succeeded, expected), (ok.Status, ok.Items));
        Assert.StartsWith($"{expected} Advisor cost recommendations in 1 subscription", ok.Message);
        var failed = Assert.Single(second!.Steps, s => s.Step == AzureSyncStep.Advisor);
        Assert.Equal(AzureSyncStatus.Failed, failed.Status);
        Assert.Contains("403 AuthorizationFailed", failed.Message);
        Assert.Contains("Reader role", failed.Message);
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(expected, await db.AdvisorRecommendations.CountAsync(Ct));
    }
}
