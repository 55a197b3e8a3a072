using System.Net.Sockets;
using Bunit;
using CostSense.Core.Data;
using CostSense.Core.Operations;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Components;
using CostSense.Tests.Infrastructure;
using CostSense.Web.Components.Pages.Data;
using CostSense.Web.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CostSense.Tests.Faults;

/// <summary>The data page over a store that stops answering and comes back.</summary>
public sealed class DataPageStoreFaultTests : ComponentTestBase
{
    [Fact]
    public async Task DataPage_WhenTheStoreStopsAnswering_SaysSoWithARetry_AndShowsTheStoreOnRetryOnceItIsBack()
    {
        await using var host = await CoreHost.StartAsync(StoreKind.Sqlite, new DateTimeOffset(2026, 3, 16, 8, 0, 0, TimeSpan.Zero));
        var store = new SwitchableStore(host.Get<IDbContextFactory<CostSenseDbContext>>())
        {
            Failure = new NpgsqlException("Failed to connect to 10.0.0.5:5432", new SocketException((int)SocketError.ConnectionRefused)),
        };
        var status = new StoreStatus();
        status.MarkReady();
        Services.AddSingleton(status);
        Services.AddSingleton(new StoreOverviewService(store, host.Get<IOptions<StoreOptions>>(), host.Get<IConfiguration>()));
        Services.AddSingleton(host.Get<IDemoTenantService>());
        Services.AddSingleton(host.Get<IOptions<DemoTenantOptions>>());
        // The live Azure card (off here), from the host as the app wires it.
        Services.AddSingleton(host.Get<CostSense.Core.Sources.Azure.AzureSync>());
        Services.AddSingleton(host.Get<CostSense.Core.Sources.Azure.AzureConnection>());
        Services.AddSingleton(host.Get<CostSense.Core.Sources.Azure.AzureScope>());
        Services.AddSingleton(host.Get<CostSense.Core.Sources.Azure.AzureSyncWorker>());
        Services.AddSingleton(host.Get<TimeProvider>());
        OnLiveCircuit();

        var cut = Render<DataPage>();

        cut.WaitForAssertion(() => Assert.Contains("The store did not answer (connection refused)", cut.Find("[data-testid='store-error']").TextContent));
        Assert.DoesNotContain("10.0.0.5", cut.Markup);
        Assert.DoesNotContain("   at ", cut.Markup);

        store.Failure = null;
        cut.Find("[data-testid='store-retry']").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid='store-error']")));
        Assert.Contains("SQLite", cut.Markup);
    }

    /// <summary>A store that throws while <see cref="Failure"/> is set, and is the real one otherwise.</summary>
    private sealed class SwitchableStore(IDbContextFactory<CostSenseDbContext> inner) : IDbContextFactory<CostSenseDbContext>
    {
        public Exception? Failure { get; set; }
        public CostSenseDbContext CreateDbContext() => Failure is { } failure ? throw failure : inner.CreateDbContext();
    }
}
