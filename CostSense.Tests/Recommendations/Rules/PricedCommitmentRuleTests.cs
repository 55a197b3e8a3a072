using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Compute;
using CostSense.Core.Recommendations.Pricing;
using static CostSense.Tests.Recommendations.Rules.RuleFixtures;

namespace CostSense.Tests.Recommendations.Rules;

/// <summary>The reservation rule priced from stored Azure retail prices (a <see cref="VmPriceBook"/>), and its fallback.</summary>
public class PricedCommitmentRuleTests
{
    private static readonly DateTimeOffset Synced = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static RetailPrice Row(string size, RetailPriceKind kind, decimal hourly, string region = "eastus") => new()
    {
        ArmSkuName = size, Region = region, Kind = kind, HourlyPrice = hourly, Currency = "USD", MeterId = $"m-{size}-{kind}",
        EffectiveStartDate = Synced.AddYears(-1), SyncedAt = Synced,
    };

    /// <summary>D4s_v3 in eastus: $0.192/h Linux, $0.284/h Windows, reservations $0.119/h (1 year) and $0.0787/h (3 years).</summary>
    private static List<RetailPrice> D4Prices(bool threeYear = true, bool windows = true) =>
    [
        Row("Standard_D4s_v3", RetailPriceKind.PayAsYouGoLinux, 0.192m),
        .. windows ? [Row("Standard_D4s_v3", RetailPriceKind.PayAsYouGoWindows, 0.284m)] : Array.Empty<RetailPrice>(),
        Row("Standard_D4s_v3", RetailPriceKind.Reservation1Year, 0.119m),
        .. threeYear ? [Row("Standard_D4s_v3", RetailPriceKind.Reservation3Year, 0.0787m)] : Array.Empty<RetailPrice>(),
    ];

    private static List<RecommendationDraft> Run(VmUsage usage, VmPriceBook book) => new CommitmentRule().Evaluate(usage, Options, book).ToList();

    private static RecommendationDraft One(IEnumerable<RecommendationDraft> d) => d.Single(x => x.Action == RecommendationAction.Reserve1Year);
    private static RecommendationDraft Three(IEnumerable<RecommendationDraft> d) => d.Single(x => x.Action == RecommendationAction.Reserve3Year);

    [Fact]
    public void AStoredReservationPrice_IsPaidForEveryHourOfTheMonth()
    {
        var drafts = Run(Usage(compute: 140.16m), new VmPriceBook(Catalog, D4Prices(), "USD"));

        Assert.Equal(Math.Round(0.119m * 730m, 2), One(drafts).ProjectedMonthlyCost);
        Assert.Equal(Math.Round(0.0787m * 730m, 2), Three(drafts).ProjectedMonthlyCost);
        Assert.Equal(140.16m, One(drafts).CurrentMonthlyCost);
        Assert.Contains("Azure retail price of a 1-year reservation for Standard_D4s_v3 in eastus: $0.1190/h against $0.1920/h pay-as-you-go", One(drafts).Rationale);
        Assert.DoesNotContain("configured discount", One(drafts).Rationale);
    }

    [Fact]
    public void WithoutAStoredPrice_TheConfiguredDiscountStands_AndTheRationaleSaysWhy()
    {
        var drafts = Run(Usage(compute: 140.16m), new VmPriceBook(Catalog, D4Prices(threeYear: false), "USD"));

        var three = Three(drafts);
        Assert.Equal(Math.Round(140.16m * (1 - Options.Reserved3YearDiscount), 2), three.ProjectedMonthlyCost);
        Assert.Contains("the configured discount: no Azure retail price of a 3-year reservation for Standard_D4s_v3 in eastus is stored", three.Rationale);
        Assert.Contains("Azure retail price", One(drafts).Rationale); // the 1-year one is priced
        // No book at all (rule tests, no store): the discounts, as before.
        Assert.Equal(Math.Round(140.16m * (1 - Options.Reserved1YearDiscount), 2), One(new CommitmentRule().Evaluate(Usage(compute: 140.16m), Options)).ProjectedMonthlyCost);
    }

    [Fact]
    public void AWindowsVm_KeepsPayingItsLicenceForTheHoursItRuns()
    {
        var vm = Vm();
        vm.OsType = "Windows";
        var usage = Usage(vm, runningShare: 0.97, compute: 200.00m);

        var drafts = Run(usage, new VmPriceBook(Catalog, D4Prices(), "USD"));

        var licence = 0.284m - 0.192m;
        Assert.Equal(Math.Round(0.119m * 730m + licence * 730m * 0.97m, 2), One(drafts).ProjectedMonthlyCost);
        Assert.Contains("Windows licence ($0.0920/h", One(drafts).Rationale);
        Assert.Contains("against $0.2840/h pay-as-you-go", One(drafts).Rationale);

        // Without the Windows price the licence cannot be priced: the discount, said so.
        var fallback = One(Run(usage, new VmPriceBook(Catalog, D4Prices(windows: false), "USD")));
        Assert.Equal(Math.Round(200.00m * (1 - Options.Reserved1YearDiscount), 2), fallback.ProjectedMonthlyCost);
        Assert.Contains("Windows licence", fallback.Rationale);
        Assert.Contains("configured discount", fallback.Rationale);
    }

    [Fact]
    public void CostsInAnotherCurrency_TakeThePricesRatio_NotTheirDollars()
    {
        var drafts = Run(Usage(runningShare: 0.96, compute: 120.00m), new VmPriceBook(Catalog, D4Prices(), "EUR"));

        var ratio = 0.119m / (0.192m * 0.96m);
        Assert.Equal(Math.Round(120.00m * ratio, 2), One(drafts).ProjectedMonthlyCost);
        Assert.Contains("The costs are in EUR, the prices in USD", One(drafts).Rationale);
    }

    [Fact]
    public void WithARightsizeAlongside_TheTargetSizesReservationIsPriced_AndTheResizeUsesTheSyncedPrices()
    {
        // eastus synced: the Dsv3 family at prices unlike the catalogue's, reservations for D2s_v3 only.
        List<RetailPrice> rows =
        [
            Row("Standard_D2s_v3", RetailPriceKind.PayAsYouGoLinux, 0.100m),
            Row("Standard_D4s_v3", RetailPriceKind.PayAsYouGoLinux, 0.200m),
            Row("Standard_D8s_v3", RetailPriceKind.PayAsYouGoLinux, 0.400m),
            Row("Standard_D2s_v3", RetailPriceKind.Reservation1Year, 0.0611m),
        ];
        var book = new VmPriceBook(Catalog, rows, "USD");
        var rule = new CommitmentRule(new RightsizeRule(Catalog), new ScaleUpRule(Catalog));

        var drafts = rule.Evaluate(Usage(cpuP95: 11.2, cpuAverage: 16, memoryP95: 17.5, compute: 140.16m), Options, book).ToList();

        var one = One(drafts);
        Assert.Equal("Standard_D2s_v3 1-year reservation", one.Target);
        Assert.Equal(Math.Round(140.16m * 0.100m / 0.200m, 2), one.CurrentMonthlyCost); // the resize priced from the synced prices
        Assert.Equal(Math.Round(0.0611m * 730m, 2), one.ProjectedMonthlyCost);
        Assert.Contains("for Standard_D2s_v3 in eastus: $0.0611/h against $0.1000/h", one.Rationale);
        var resize = new RightsizeRule(Catalog).Evaluate(Usage(cpuP95: 11.2, cpuAverage: 16, memoryP95: 17.5, compute: 140.16m), Options, book).Single();
        Assert.Contains("Azure retail price", resize.Rationale);
        Assert.Contains("Standard_D2s_v3 3-year", Three(drafts).Target);
        Assert.Contains("configured discount", Three(drafts).Rationale);
    }
}
