using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Compute;
using static CostSense.Tests.Recommendations.Rules.RuleFixtures;

namespace CostSense.Tests.Recommendations.Rules;

public class CommitmentRuleTests
{
    private static List<RecommendationDraft> Run(VmUsage u) => new CommitmentRule().Evaluate(u, Options).ToList();

    [Theory]
    [InlineData(0.949, 0)]
    [InlineData(0.95, 2)]
    [InlineData(0.951, 2)]
    public void SteadyVm_RunningAtLeastNinetyFivePercent_GetsOneAndThreeYearReservations(double share, int drafts) =>
        Assert.Equal(drafts, Run(Usage(runningShare: share)).Count);

    [Fact]
    public void Reservations_SaveTheConfiguredDiscounts()
    {
        var drafts = Run(Usage(compute: 140.16m));

        var one = drafts.Single(d => d.Action == RecommendationAction.Reserve1Year);
        var three = drafts.Single(d => d.Action == RecommendationAction.Reserve3Year);
        Assert.Equal(56.06m, one.MonthlySavings);   // 40% of 140.16, to the cent
        Assert.Equal(84.10m, three.MonthlySavings); // 60%
        Assert.All(drafts, d => Assert.Equal((RecommendationCategory.Commitment, RiskLevel.Low, 0.5), (d.Category, d.Risk, d.EffortHours)));
        Assert.Contains("--term P1Y --quantity 1", one.Command);
        Assert.Contains("--sku Standard_D4s_v3 --location eastus", one.Command);
        Assert.StartsWith("az reservations reservation-order purchase ", three.Command);
        Assert.Contains("--term P3Y", three.Command);
        Assert.Contains("Lock-in", three.Rationale);
        Assert.True(three.Confidence < one.Confidence);
    }

    [Fact]
    public void WithARightsizeAlongside_TheReservationIsForTheNewSizeAndStacksOnItsSaving()
    {
        var rule = new CommitmentRule(new RightsizeRule(Catalog), new ScaleUpRule(Catalog));

        var one = rule.Evaluate(Usage(cpuP95: 11.2, cpuAverage: 16, memoryP95: 17.5, compute: 140.16m), Options)
            .Single(d => d.Action == RecommendationAction.Reserve1Year);

        Assert.Equal("Standard_D2s_v3 1-year reservation", one.Target);
        Assert.Equal(70.08m, one.CurrentMonthlyCost); // after the resize
        Assert.Equal(28.03m, one.MonthlySavings);
        Assert.Contains("--sku Standard_D2s_v3 ", one.Command);
        Assert.Contains("resize first", one.Rationale);
    }

    [Fact]
    public void IdleVm_IsNotWorthReserving() => Assert.Empty(Run(Usage(cpuP95: 1, network: 1)));
}
