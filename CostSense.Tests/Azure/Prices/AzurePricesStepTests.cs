using CostSense.Core.Catalog;
using CostSense.Core.Data.Entities;
using CostSense.Core.Sources.Azure;
using CostSense.Tests.Azure.Fake;
using CostSense.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using static CostSense.Tests.Azure.Prices.PricesTestHost;

namespace CostSense.Tests.Azure.Prices;

/// <summary>The prices step against the fake Retail Prices API over https: what it asks, what it stores, what a failure keeps.</summary>
public abstract class AzurePricesStepTests
{
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly VmSizeCatalog Catalog = VmSizeCatalog.LoadEmbedded();

    /// <summary>Every catalogue size of <paramref name="families"/>, priced as the catalogue prices it in eastus.</summary>
    internal static List<FakeRetailPrice> ItemsFor(string region, params string[] families) =>
        Catalog.All.Where(s => families.Contains(s.Family)).GroupBy(s => s.Name).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => FakeRetailPrices.ForSize(g.Key, region, g.First().HourlyPrice)).ToList();

    /// <summary>The rows a correct mapping gives, worked out here from the fake's items (not by the code under test).</summary>
    private static IEnumerable<(string, string, RetailPriceKind, decimal)> Expected(IEnumerable<FakeRetailPrice> items)
    {
        foreach (var i in items)
        {
            var windows = i.ProductName.EndsWith(" Windows", StringComparison.Ordinal);
            var spot = i.SkuName.EndsWith(" Spot", StringComparison.Ordinal);
            if (i.Type == "Reservation")
                yield return (i.ArmSkuName, i.Region, i.ReservationTerm == "1 Year" ? RetailPriceKind.Reservation1Year : RetailPriceKind.Reservation3Year,
                    i.RetailPrice / (i.ReservationTerm == "1 Year" ? 8_760m : 26_280m));
            if (i.Type != "Consumption" || i.SkuName.EndsWith("Low Priority", StringComparison.Ordinal)) continue;
            yield return (i.ArmSkuName, i.Region, (spot, windows) switch
            {
                (true, true) => RetailPriceKind.SpotWindows,
                (true, false) => RetailPriceKind.SpotLinux,
                (false, true) => RetailPriceKind.PayAsYouGoWindows,
                _ => RetailPriceKind.PayAsYouGoLinux,
            }, i.RetailPrice);
            if (!windows && !spot)
                foreach (var plan in i.SavingsPlan ?? [])
                    yield return (i.ArmSkuName, i.Region, plan.Term == "1 Year" ? RetailPriceKind.SavingsPlan1Year : RetailPriceKind.SavingsPlan3Year, plan.RetailPrice);
        }
    }

    [Fact]
    public async Task EveryPageIsRead_AndEachKindIsStoredPerHour_WithoutDevTestOrLowPriority()
    {
        var items = ItemsFor("eastus", "Dsv3", "B");
        items.AddRange(ItemsFor("westus2", "Dsv3")); // a region without VMs
        await using var azure = await FakeAzureServer.StartAsync(app => FakeRetailPrices.Map(app, items, pageSize: 4), Ct);
        await using var host = await StartAsync(Kind, azure);
        await AddVmsAsync(host, ("Standard_D4s_v3", "eastus", "Linux", AzureSources.Inventory));

        var outcome = await RunStepAsync(host);

        var rows = await RowsAsync(host);
        var expected = Expected(items.Where(i => i.Region == "eastus")).OrderBy(e => e).ToList();
        Assert.Equal(16 * 8, expected.Count); // 7 Dsv3 and 9 B sizes; pay-as-you-go, Spot, reservations, savings plans × OS where it applies
        Assert.Equal(expected, rows.Select(r => (r.ArmSkuName, r.Region, r.Kind, r.HourlyPrice)).OrderBy(e => e));
        Assert.Equal(expected.Count, outcome.Items);
        Assert.All(rows, r => Assert.Equal(("USD", Now), (r.Currency, r.SyncedAt)));
        // Paging: more pages than queries were read, each query to its last page.
        var gets = azure.Requests.Where(r => r.Path == FakeRetailPrices.Path).ToList();
        Assert.True(gets.Count(r => r.PathAndQuery.Contains("$skip=", StringComparison.Ordinal)) > 10);
        Assert.All(gets, r => Assert.Contains("api-version=2023-01-01-preview", r.PathAndQuery));
        Assert.Equal("", gets[0].Authorization); // a public API: no token sent

        // The 1-year reservation's whole-term price became an hourly one.
        var d4 = items.Single(i => i.ArmSkuName == "Standard_D4s_v3" && i.Region == "eastus" && i.ReservationTerm == "1 Year");
        Assert.Equal(d4.RetailPrice / 8_760m, rows.Single(r => r.ArmSkuName == "Standard_D4s_v3" && r.Kind == RetailPriceKind.Reservation1Year).HourlyPrice);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AFailedCall_LeavesThePreviousPrices(bool dropConnection)
    {
        var items = ItemsFor("eastus", "Dsv3", "B");
        var faults = new FakeRetailPricesFaults();
        await using var azure = await FakeAzureServer.StartAsync(app => FakeRetailPrices.Map(app, items, pageSize: 20, faults), Ct);
        await using var host = await StartAsync(Kind, azure);
        await AddVmsAsync(host, ("Standard_D4s_v3", "eastus", "Linux", AzureSources.Inventory));
        await RunStepAsync(host);
        var before = await RowsAsync(host);

        // New prices, and the second page of each query fails: nothing of the new read may land.
        var raised = ItemsFor("eastus", "Dsv3", "B").Select(i => i with { RetailPrice = i.RetailPrice * 2 }).ToList();
        items.Clear();
        items.AddRange(raised);
        (faults.FailAtSkip, faults.DropConnection) = (20, dropConnection);
        host.Time.Advance(TimeSpan.FromDays(1));
        var e = await Assert.ThrowsAnyAsync<Exception>(() => RunStepAsync(host));

        Assert.Equal(before.Select(Tuple), (await RowsAsync(host)).Select(Tuple));
        if (dropConnection)
        {
            // Azure.Core's retries end in an AggregateException of the network failures (AzureFailure does not unwrap it yet).
            var inner = Assert.IsType<AggregateException>(e).InnerExceptions;
            Assert.All(inner, x => Assert.True(x is global::Azure.RequestFailedException { Status: 0 } or HttpRequestException, x.GetType().Name));
        }
        else
            Assert.Contains("Azure answered 500", AzureFailure.Describe(e, AzureSyncStep.Prices, "the Retail Prices API"));

        static object Tuple(RetailPrice r) => (r.ArmSkuName, r.Region, r.Kind, r.HourlyPrice, r.SyncedAt);
    }
}

public sealed class SqliteAzurePricesStepTests : AzurePricesStepTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;

    [Fact]
    public async Task OnlyTheSizesAndRegionsInUse_AreAskedFor_AndStored()
    {
        var ct = TestContext.Current.CancellationToken;
        var items = ItemsFor("eastus", "Dsv3", "Esv5", "Fsv2", "B");
        items.AddRange(ItemsFor("westus2", "Dsv3", "Esv5", "B"));
        items.AddRange(ItemsFor("northeurope", "Dsv3"));
        items.AddRange(FakeRetailPrices.ForSize("Standard_L8s_v3", "westeurope", 0.624m));
        await using var azure = await FakeAzureServer.StartAsync(app => FakeRetailPrices.Map(app, items, pageSize: 50), ct);
        await using var host = await StartAsync(Kind, azure);
        await AddVmsAsync(host,
            ("Standard_D4s_v3", "eastus", "Linux", AzureSources.Inventory),
            ("standard_e8s_v5", "westus2", "Windows", "import:focus"),   // another source, lower case: the catalogue's spelling is asked
            ("Standard_L8s_v3", "westeurope", "Linux", AzureSources.Inventory)); // not in the catalogue: only itself

        await RunStepAsync(host);

        var catalog = VmSizeCatalog.LoadEmbedded();
        string[] Family(params string[] f) => catalog.All.Where(s => f.Contains(s.Family)).Select(s => s.Name).Distinct().Order(StringComparer.Ordinal).ToArray();
        var allowed = new Dictionary<string, string[]>
        {
            ["eastus"] = Family("Dsv3", "B"),
            ["westus2"] = Family("Esv5", "B"),
            ["westeurope"] = ["Standard_L8s_v3"],
        };
        var firstPages = azure.Requests.Where(r => r.Path == FakeRetailPrices.Path && !r.PathAndQuery.Contains("$skip=", StringComparison.Ordinal))
            .Select(r => QueryHelpers.ParseQuery(new Uri("https://x" + r.PathAndQuery).Query)["$filter"].ToString()).ToList();
        var asked = firstPages.Select(f => (Region: FilterValues(f, "armRegionName").Single(), Skus: FilterValues(f, "armSkuName")))
            .GroupBy(q => q.Region).ToDictionary(g => g.Key, g => g.SelectMany(q => q.Skus).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(allowed.Keys.Order(), asked.Keys.Order());
        foreach (var (region, sizes) in allowed) Assert.Equal(sizes, asked[region]);
        Assert.Equal(2 + 2 + 1, firstPages.Count); // 16 and 18 sizes at 15 a query, and one
        Assert.All(firstPages, f => Assert.StartsWith("serviceName eq 'Virtual Machines' and armRegionName eq '", f));

        var rows = await RowsAsync(host);
        Assert.All(rows, r => Assert.Contains(r.ArmSkuName, allowed[r.Region]));
        Assert.Equal(allowed.Keys.Order(), rows.Select(r => r.Region).Distinct().Order());
        Assert.Equal(8, rows.Count(r => r.Region == "westeurope"));
    }

    [Fact]
    public async Task APriceChange_KeepsThePriceInEffect_AndOtherTermsAreSkipped()
    {
        var ct = TestContext.Current.CancellationToken;
        var items = FakeRetailPrices.ForSize("Standard_D4s_v3", "eastus", 0.192m).ToList();
        var linux = items.First(i => i.Type == "Consumption" && i.SavingsPlan is not null && !i.ProductName.EndsWith("Windows", StringComparison.Ordinal));
        items.Add(linux with { RetailPrice = 0.188m, MeterId = "f0000000-0000-4000-8000-000000000001", EffectiveStartDate = "2025-06-01T00:00:00Z", SavingsPlan = null });
        items.Add(linux with { RetailPrice = 0.25m, MeterId = "f0000000-0000-4000-8000-000000000002", EffectiveStartDate = "2027-01-01T00:00:00Z", SavingsPlan = null });
        items.Add(items.First(i => i.ReservationTerm == "3 Years") with { ReservationTerm = "5 Years", RetailPrice = 3_000m, MeterId = "f0000000-0000-4000-8000-000000000003" });
        await using var azure = await FakeAzureServer.StartAsync(app => FakeRetailPrices.Map(app, items, pageSize: 3), ct);
        await using var host = await StartAsync(Kind, azure);
        await AddVmsAsync(host, ("Standard_D4s_v3", "eastus", "Linux", AzureSources.Inventory));

        await RunStepAsync(host);
        await RunStepAsync(host); // twice: the same rows

        var rows = await RowsAsync(host);
        Assert.Equal(0.188m, rows.Single(r => r.Kind == RetailPriceKind.PayAsYouGoLinux).HourlyPrice); // in effect since 2025-06, not the 2027 one
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), rows.Single(r => r.Kind == RetailPriceKind.PayAsYouGoLinux).EffectiveStartDate);
        Assert.Equal(items.Single(i => i.ReservationTerm == "3 Years").RetailPrice / 26_280m, rows.Single(r => r.Kind == RetailPriceKind.Reservation3Year).HourlyPrice);
        Assert.Equal(8, rows.Count);
    }

    private static string[] FilterValues(string filter, string name) =>
        System.Text.RegularExpressions.Regex.Matches(filter, name + " eq '([^']*)'").Select(m => m.Groups[1].Value).ToArray();
}

public sealed class PostgresAzurePricesStepTests : AzurePricesStepTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
