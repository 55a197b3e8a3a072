using CostSense.Core.Access;
using CostSense.Core.Catalog;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Tests.Azure.Fake;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>
/// The app (over the demo tenant) connected to a fake Azure that serves every area over one tenant: subscriptions, VMs with
/// instance views, storage accounts, Monitor's batch metrics, Cost Management, Retail Prices and Advisor. The schedule is
/// held off a day, so the first sync is the one the test starts.
/// </summary>
public sealed class AzureSyncFixture : WebAppFixture
{
    public static readonly FakeSubscription Production = new("aaaaaaaa-0000-0000-0000-000000000001", "Production");

    private FakeAzureServer? _azure;

    public FakeTenant Tenant { get; } = new();

    public FakeAzureServer Azure => _azure!;

    protected override TestAppOptions Options => base.Options with
    {
        Settings = _azure!.Settings([Production.Id], new Dictionary<string, string?> { ["CostSense:Azure:StartupDelay"] = "1.00:00:00" }),
        Services = s => s.AddSingleton(_azure!.Setup),
    };

    public override async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Tenant.Subscriptions.Add(Production);
        // A web VM that idles (a right-size and reservation candidate), an API VM that works, and one parked.
        var web = new FakeVm(Production.Id, "rg-shop", "vm-web-01", "Standard_D4s_v3", "eastus", Tags: new Dictionary<string, string> { ["environment"] = "prod", ["workload"] = "web" });
        var api = new FakeVm(Production.Id, "rg-shop", "vm-api-01", "Standard_D8s_v3", "eastus", Tags: new Dictionary<string, string> { ["environment"] = "prod", ["workload"] = "api" });
        var parked = new FakeVm(Production.Id, "rg-test", "vm-test-01", "Standard_D2s_v3", "eastus", PowerState: "deallocated");
        Tenant.Vms.AddRange([web, api, parked]);
        Tenant.StorageAccounts.Add(new FakeStorageAccount(Production.Id, "rg-shop", "stshopassets", "eastus"));

        // Thirty days of hourly metrics before today, and three months of daily cost for the running VMs at their hourly price.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var firstHour = new DateTimeOffset(today.AddDays(-30).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var metrics = new FakeMetricData();
        foreach (var (vm, cpu, memoryGiB, freeGiB) in new[] { (web, 6.0, 16.0, 13.0), (api, 55.0, 32.0, 9.0) })
        {
            var hours = Enumerable.Range(0, 30 * 24).ToList();
            metrics.Add(vm.Id, "Percentage CPU", firstHour, hours.Select(h => (double?)(cpu + h % 5)).ToList())
                .Add(vm.Id, "Available Memory Bytes", firstHour, hours.Select(_ => (double?)(freeGiB * (1L << 30))).ToList())
                .Add(vm.Id, "Network In Total", firstHour, hours.Select(_ => (double?)50_000_000).ToList())
                .Add(vm.Id, "Network Out Total", firstHour, hours.Select(_ => (double?)20_000_000).ToList());
        }
        var costs = new FakeCostManagement(Tenant);
        var catalog = VmSizeCatalog.LoadEmbedded();
        var firstDay = new DateOnly(today.Year, today.Month, 1).AddMonths(-2);
        foreach (var vm in new[] { web, api })
            costs.AddDaily(vm, firstDay, today.AddDays(-1), _ => catalog.Get(vm.Size, vm.Region).HourlyPrice * 24);

        _azure = await FakeAzureServer.StartAsync(app =>
        {
            FakeArm.MapSubscriptions(app, Tenant.Subscriptions);
            FakeCompute.Map(app, Tenant);
            FakeResources.Map(app, Tenant);
            FakeMonitor.Map(app, Tenant, metrics);
            costs.Map(app);
            FakeRetailPrices.Map(app, Tenant);
            FakeAdvisor.Map(app, Tenant);
        }, ct);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_azure is not null) await _azure.DisposeAsync();
    }
}

/// <summary>
/// Live Azure in Chromium: an Admin sees the connection, presses Sync now, watches the steps, and finds the fake tenant's
/// VMs in the compute grid with their Azure Monitor utilization and Advisor's opinion, the demo tenant gone.
/// </summary>
public sealed class AzureSyncEndToEndTests(AzureSyncFixture app) : IClassFixture<AzureSyncFixture>
{
    [Fact]
    public async Task AnAdmin_SyncsNow_AndTheComputeGridShowsTheTenantsVms_WithTheirUtilizationAndAdvisor()
    {
        app.RequireBrowser();
        var page = new DataPage(await app.NewPageAsync(AppRoles.Admin), app.BaseAddress);
        await page.OpenAsync();
        Assert.Contains("DefaultAzureCredential", await page.SignIn.InnerTextAsync());
        Assert.Equal($"subscription {AzureSyncFixture.Production.Id}", await page.Scope.InnerTextAsync());
        await page.ByTestId("azure-never").WaitForAsync();

        await page.SyncNow.ClickAsync();
        await page.LastStatus.Filter(new() { HasText = "Succeeded" }).WaitForAsync(new() { Timeout = 120_000 });
        foreach (var step in new[] { "inventory", "metrics", "costs", "prices", "advisor" })
            Assert.Equal("succeeded", await page.Step(step).GetAttributeAsync("data-status"));
        Assert.Contains("3 VMs", await page.Step("inventory").InnerTextAsync());
        await page.Page.ScreenshotAsync(new() { Path = WebAppFixture.OutputPath("azure-sync.png"), FullPage = true });

        // The store now holds the fake tenant only: the demo stepped aside.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            Assert.Equal(["vm-api-01", "vm-test-01", "vm-web-01"], await db.VirtualMachines.OrderBy(v => v.Name).Select(v => v.Name).ToListAsync(TestContext.Current.CancellationToken));
            Assert.False(await db.CostRecords.AnyAsync(r => r.Source == KnownSources.Demo, TestContext.Current.CancellationToken));
        }

        var grid = new RecommendationsGrid(page.Page, app.BaseAddress);
        await grid.OpenAsync("/compute");
        var web = page.Page.Locator("tr.rec-row", new() { HasText = "vm-web-01" }).First;
        await web.WaitForAsync();
        Assert.Equal("metrics: Azure Monitor", (await web.Locator("[data-testid=rec-metrics-source]").InnerTextAsync()).Trim());
        Assert.NotEqual("None", await web.Locator("[data-testid=rec-advisor]").GetAttributeAsync("data-verdict"));
        Assert.Equal(0, await page.Page.Locator("tr.rec-row", new() { HasText = "vm-demo" }).CountAsync());
        await page.Page.ScreenshotAsync(new() { Path = WebAppFixture.OutputPath("azure-compute.png"), FullPage = true });
    }
}
