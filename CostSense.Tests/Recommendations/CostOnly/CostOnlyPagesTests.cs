using System.Net;
using System.Text;
using CostSense.Core.Access;
using CostSense.Core.Imports;
using CostSense.Core.Imports.DerivedInventory;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Recommendations.CostOnly;

/// <summary>
/// The app after a cost-only import: the Compute and Storage pages, as served, say their recommendations come from cost data
/// and which need metrics; the demo tenant's pages (every VM measured) do not.
/// </summary>
public sealed class CostOnlyPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ComputeAndStoragePages_AfterACostOnlyImport_ShowTheMetricsNotice()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions());
        var (csv, _) = CostOnlyFocusFile.Write();
        await app.Get<CostImporter>().ImportFileAsync(Actor.System,
            new ImportFile("cost-only.csv", _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(csv)))), Ct);
        await app.Get<ImportedInventory>().RebuildAsync(Ct);
        using var client = await app.SignedInAsync(AppRoles.Viewer);

        var compute = WebUtility.HtmlDecode(await client.GetStringAsync("/compute", Ct));
        var storage = WebUtility.HtmlDecode(await client.GetStringAsync("/storage", Ct));

        Assert.Contains("data-testid=\"data-basis-notice\"", compute);
        Assert.Contains("3 of 3 VMs come from imported cost data only", compute);
        Assert.Contains("connect live Azure (Azure Monitor) — cost exports do not carry utilisation", compute);
        Assert.Contains("3 of 3 storage accounts come from imported cost data only", storage);
    }

    [Fact]
    public async Task ComputePage_OfTheDemoTenant_ShowsNoNotice()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions { DemoData = true });
        using var client = await app.SignedInAsync(AppRoles.Viewer);

        var compute = await client.GetStringAsync("/compute", Ct);

        Assert.Contains("Compute recommendations", compute);
        Assert.DoesNotContain("data-basis-notice", compute);
    }
}
