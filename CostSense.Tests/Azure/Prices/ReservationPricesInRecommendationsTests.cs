using CostSense.Core.Catalog;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Tests.Azure.Fake;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CostSense.Tests.Azure.Prices.PricesTestHost;

namespace CostSense.Tests.Azure.Prices;

/// <summary>
/// Synced reservation prices reach the recommendations: over the demo tenant, with retail prices for every size in its regions
/// but no reservations for the Fsv2 family, each reservation recommendation is priced from the stored row when there is one
/// (the hourly price × 730, expected values worked out here from the rows) and from the configured discount otherwise.
/// </summary>
public abstract class ReservationPricesInRecommendationsTests
{
    protected abstract StoreKind Kind { get; }

    [Fact]
    public async Task ReservationRecommendations_UseTheStoredPrice_OrTheDiscountWithoutOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var catalog = VmSizeCatalog.LoadEmbedded();
        var items = catalog.All.Where(s => s.Region is "eastus" or "eastus2" or "westus2").OrderBy(s => s.Region).ThenBy(s => s.Name)
            .SelectMany(s => FakeRetailPrices.ForSize(s.Name, s.Region, s.HourlyPrice, reservations: s.Family != "Fsv2")).ToList();
        await using var azure = await FakeAzureServer.StartAsync(app => FakeRetailPrices.Map(app, items, pageSize: 100), ct);
        await using var host = await StartAsync(Kind, azure, demoTenant: true);

        await RunStepAsync(host);
        await host.Get<IRecommendationService>().RecomputeAsync(ct);

        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(ct);
        var vms = await db.VirtualMachines.AsNoTracking().ToDictionaryAsync(v => v.ResourceId, ct);
        var prices = await db.RetailPrices.AsNoTracking().ToListAsync(ct);
        var commitments = await db.Recommendations.AsNoTracking()
            .Where(r => r.IsActive && r.Category == RecommendationCategory.Commitment).ToListAsync(ct);
        var options = new RecommendationOptions();
        var (priced, discounted, windows) = (0, 0, 0);
        foreach (var rec in commitments)
        {
            var vm = vms[rec.ResourceId];
            var years = rec.Action == RecommendationAction.Reserve1Year ? 1 : 3;
            var size = rec.Target.Split(' ')[0];
            var row = prices.SingleOrDefault(p => p.ArmSkuName == size && p.Region == vm.Region
                && p.Kind == (years == 1 ? RetailPriceKind.Reservation1Year : RetailPriceKind.Reservation3Year));
            if (row is null)
            {
                var discount = years == 1 ? options.Reserved1YearDiscount : options.Reserved3YearDiscount;
                Assert.Equal(Math.Round(rec.CurrentMonthlyCost * (1 - discount), 2, MidpointRounding.AwayFromZero), rec.ProjectedMonthlyCost);
                Assert.Contains($"the configured discount: no Azure retail price of a {years}-year reservation for {size} in {vm.Region} is stored", rec.Rationale);
                discounted++;
                continue;
            }
            Assert.Contains($"Azure retail price of a {years}-year reservation for {size} in {vm.Region}: ${row.HourlyPrice:0.0000}/h", rec.Rationale);
            var reserved = Math.Round(row.HourlyPrice * 730m, 2, MidpointRounding.AwayFromZero);
            if (vm.OsType == "Windows")
            {
                // The licence stays pay-as-you-go on top: more than the reservation alone.
                Assert.Contains("Windows licence", rec.Rationale);
                Assert.True(rec.ProjectedMonthlyCost > reserved, $"{rec.Id}: {rec.ProjectedMonthlyCost} ≤ {reserved}");
                windows++;
            }
            else
                Assert.Equal(reserved, rec.ProjectedMonthlyCost);
            priced++;
        }
        Assert.True(priced > 0 && discounted > 0, $"priced {priced}, discounted {discounted}, Windows {windows}");
    }
}

public sealed class SqliteReservationPricesInRecommendationsTests : ReservationPricesInRecommendationsTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresReservationPricesInRecommendationsTests : ReservationPricesInRecommendationsTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
