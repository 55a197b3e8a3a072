using CostSense.Core.Data.Entities;
using CostSense.Core.Showback;

namespace CostSense.Tests.Showback;

/// <summary>
/// The allocation arithmetic on constructed cells: shares at rounding boundaries (three equal recipients of $100.00,
/// a cent split three ways, credits), rules in order with each cost taken once, fixed percentages, a proportional rule
/// with no recipients; and in every case the rounded rows add up to the rounded total and the untagged cost is never lost.
/// </summary>
public sealed class AllocationTests
{
    private static readonly ShowbackQuery Query = ShowbackQuery.Month("team", new(2026, 11, 1));

    private static AllocationCell Cell(string? value, decimal cost, string group = "rg-app", string sub = "sub-a") => new(sub, group, value, cost);

    private static AllocationRule Rule(long id, AllocationSource source, string keys = "", AllocationMethod method = AllocationMethod.Proportional,
        string? shares = null, int order = 1) => new()
    {
        Id = id, Name = $"rule {id}", TagKey = "team", Source = source, SourceKeys = keys, Method = method,
        FixedShares = shares is null ? null : FixedShares.ToJson(FixedShares.Parse(shares)), Order = order, CreatedBy = "test",
    };

    private static ShowbackView Build(IReadOnlyList<AllocationCell> cells, params AllocationRule[] rules) =>
        ShowbackService.Build(Query, "USD", cells, cells.Sum(c => c.Cost), rules, []);

    private static ShowbackRow Row(ShowbackView v, string value) => v.Values.Single(r => r.Value == value);

    /// <summary>What every view must hold: rows add up to the total in each column, the total is the cells' sum in cents.</summary>
    private static void AssertReconciles(ShowbackView v, decimal exact)
    {
        Assert.Equal(LargestRemainder.Cents(exact), v.Total);
        Assert.Equal(v.Total, v.AllRows.Sum(r => r.Total));
        Assert.Equal(v.Total, v.AllRows.Sum(r => r.Direct));
        Assert.Equal(0m, v.AllRows.Sum(r => r.Allocated));
        Assert.All(v.AllRows, r => Assert.Equal(r.Total, r.Direct + r.Allocated));
        Assert.All(v.AllRows, r => Assert.Equal(r.Total, decimal.Round(r.Total, 2)));
    }

    [Fact]
    public void ThreeEqualRecipients_OfAHundredDollars_GetThirtyThreeThirtyThree_AndOneTheLastCent()
    {
        var cells = new[] { Cell("a", 10m), Cell("b", 10m), Cell("c", 10m), Cell(null, 100m, "rg-shared") };
        var v = Build(cells, Rule(1, AllocationSource.Untagged));

        AssertReconciles(v, 130m);
        Assert.Equal([33.33m, 33.33m, 33.34m], v.Values.Select(r => r.Allocated).Order());
        Assert.Equal(100.00m, v.Values.Sum(r => r.Allocated));
        Assert.Equal(0m, v.Untagged.Total);
        Assert.Equal(-100m, v.Untagged.Allocated);
        Assert.Equal(100m, v.Untagged.AllocatedOut);
        var applied = Assert.Single(v.Rules);
        Assert.True(applied.Applied);
        Assert.Equal((100m, 3), (applied.Taken, applied.Recipients));
        // Shares are each row's percent of the total; equal totals, equal shares.
        Assert.All(v.AllRows, r => Assert.Equal(Math.Round(r.Total * 100m / v.Total, 2, MidpointRounding.AwayFromZero), r.Share));
        Assert.Equal([33.33m, 33.33m, 33.34m], v.Values.Select(r => r.Share!.Value).Order());
    }

    [Fact]
    public void ACentSplitThreeWays_GoesWholeToOneValue_AndSubCentCellsStillAddUp()
    {
        var cells = new[] { Cell("a", 0.004m), Cell("b", 0.004m), Cell("c", 0.003m), Cell(null, 0.01m, "rg-shared") };
        var v = Build(cells, Rule(1, AllocationSource.Untagged));

        AssertReconciles(v, 0.021m);
        Assert.Equal(0.02m, v.Total);
        Assert.Equal(0m, v.Untagged.Total);
        Assert.All(v.Values, r => Assert.InRange(r.Total, 0m, 0.01m));
    }

    [Fact]
    public void Credits_AreAllocatedAsNegativeCost_AndValuesWithNegativeDirectCostReceiveNothing()
    {
        // A refund on the shared group, and a value whose month is a net credit.
        var cells = new[] { Cell("a", 30m), Cell("b", 10m), Cell("refunded", -5m), Cell(null, -8m, "rg-shared") };
        var v = Build(cells, Rule(1, AllocationSource.Untagged));

        AssertReconciles(v, 27m);
        Assert.Equal(-6m, Row(v, "a").Allocated);
        Assert.Equal(-2m, Row(v, "b").Allocated);
        Assert.Equal(0m, Row(v, "refunded").Allocated);
        Assert.Equal(-5m, Row(v, "refunded").Total);
        Assert.Equal(0m, v.Untagged.Total);
    }

    [Fact]
    public void RulesApplyInOrder_AndCostOneRuleTookIsNotTakenAgain()
    {
        var cells = new[]
        {
            Cell("a", 60m), Cell("b", 20m),
            // The shared group holds tagged and untagged cost; both go with it.
            Cell("a", 20m, "rg-shared"), Cell(null, 40m, "rg-shared"),
            Cell(null, 30m, "rg-other"),
        };
        // The untagged rule comes second: it must not take the shared group's untagged 40 again.
        var shared = Rule(1, AllocationSource.ResourceGroups, "sub-a/rg-shared", order: 1);
        var untagged = Rule(2, AllocationSource.Untagged, order: 2);
        var v = Build(cells, shared, untagged);

        AssertReconciles(v, 170m);
        Assert.Equal([60m, 30m], v.Rules.Select(r => r.Taken));
        // Weights are direct cost outside the sources: a 60, b 20. 60 → 45/15; then 30 → 22.50/7.50.
        Assert.Equal(45m + 22.5m, Row(v, "a").AllocatedIn);
        Assert.Equal(20m, Row(v, "a").AllocatedOut);
        Assert.Equal(60m + 20m - 20m + 67.5m, Row(v, "a").Total);
        Assert.Equal(20m + 15m + 7.5m, Row(v, "b").Total);
        Assert.Equal(0m, v.Untagged.Total);
        Assert.Equal(70m, v.Untagged.AllocatedOut);
    }

    [Fact]
    public void TheSameRules_InTheOtherOrder_TakeTheUntaggedCostOfTheSharedGroupFirst()
    {
        var cells = new[] { Cell("a", 60m), Cell("b", 20m), Cell(null, 40m, "rg-shared"), Cell(null, 30m, "rg-other") };
        var v = Build(cells, Rule(2, AllocationSource.Untagged, order: 1), Rule(1, AllocationSource.ResourceGroups, "sub-a/rg-shared", order: 2));

        AssertReconciles(v, 150m);
        Assert.Equal(70m, v.Rules[0].Taken);
        Assert.Equal(0m, v.Rules[1].Taken);
        Assert.False(v.Rules[1].Applied);
        Assert.NotNull(v.Rules[1].Note);
    }

    [Fact]
    public void FixedPercentages_SplitTheSource_EvenToAValueWithoutDirectCost()
    {
        var cells = new[] { Cell("a", 50m), Cell("platform", 0.01m, "rg-x"), Cell(null, 10m, "rg-shared"), Cell("b", 12.34m, "rg-shared") };
        var v = Build(cells, Rule(1, AllocationSource.ResourceGroups, "sub-a/rg-shared", AllocationMethod.Fixed, "a = 60\nnew-team = 40"));

        AssertReconciles(v, 72.35m);
        Assert.Equal(13.40m, Row(v, "a").Allocated);
        Assert.Equal(8.94m, Row(v, "new-team").Allocated);
        Assert.Equal(0m, Row(v, "new-team").Direct);
        Assert.Equal(-12.34m, Row(v, "b").Allocated);
        Assert.Equal(0m, Row(v, "b").Total);
        Assert.Equal(0m, v.Untagged.Total);
    }

    [Fact]
    public void AProportionalRuleWithNoRecipients_LeavesTheCostWhereItWas_AndSaysSo()
    {
        var cells = new[] { Cell(null, 80m), Cell(null, 20m, "rg-shared") };
        var v = Build(cells, Rule(1, AllocationSource.Untagged));

        AssertReconciles(v, 100m);
        Assert.Empty(v.Values);
        Assert.Equal(100m, v.Untagged.Total);
        Assert.Equal(0m, v.Untagged.Allocated);
        var outcome = Assert.Single(v.Rules);
        Assert.False(outcome.Applied);
        Assert.Contains("stays where it was", outcome.Note);
        Assert.Equal(0m, v.Coverage);
    }

    [Fact]
    public void WithoutRules_TheUntaggedCostIsItsOwnRow_AndCoverageIsTheTaggedShare()
    {
        var cells = ShowbackService.Cells(
            [("sub-a", "rg-app", 100m), ("sub-a", "rg-shared", 50m)],
            [("sub-a", "rg-app", "a", 70m), ("sub-a", "rg-app", "b", 20m)]);
        var v = Build(cells);

        AssertReconciles(v, 150m);
        Assert.Equal(60m, v.Untagged.Total);   // 10 in rg-app without the key, and all of rg-shared
        Assert.Equal(60.0m, v.Coverage);        // 90 of 150
        Assert.Equal(["a", "b"], v.Values.Select(r => r.Value));
    }

    [Theory]
    [InlineData(new[] { 0.005, 0.005, 0.005 }, 0.02)]
    [InlineData(new[] { 1.115, 2.225, -0.335 }, 3.01)]
    [InlineData(new[] { 33.3333, 33.3333, 33.3334 }, 100.00)]
    [InlineData(new[] { -0.004, -0.004, -0.004 }, -0.01)]
    public void LargestRemainder_AddsUpToTheTotal_AndMovesNoAmountByACentOrMore(double[] raw, double total)
    {
        var amounts = raw.Select(a => (decimal)a).ToList();
        var rounded = LargestRemainder.Round(amounts, (decimal)total);
        Assert.Equal((decimal)total, rounded.Sum());
        for (var i = 0; i < amounts.Count; i++) Assert.True(Math.Abs(rounded[i] - amounts[i]) < 0.01m, $"{amounts[i]} → {rounded[i]}");
    }
}
