using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Compute;
using static CostSense.Tests.Recommendations.Rules.RuleFixtures;

namespace CostSense.Tests.Recommendations.Rules;

public class IdleVmRuleTests
{
    private static List<RecommendationDraft> Run(VmUsage u) => new IdleVmRule().Evaluate(u, Options).ToList();

    [Theory]
    [InlineData(2.99, true)]
    [InlineData(3.0, false)]
    [InlineData(3.01, false)]
    public void CpuP95_BelowThreePercentOnly_IsIdle(double cpu, bool idle) =>
        Assert.Equal(idle, Run(Usage(cpuP95: cpu, network: 10)).Count == 1);

    [Theory]
    [InlineData(199.9, true)]
    [InlineData(200.0, false)]
    [InlineData(200.1, false)]
    public void Network_BelowTheIdleMiBPerDayOnly_IsIdle(double network, bool idle) =>
        Assert.Equal(idle, Run(Usage(cpuP95: 1, network: network)).Count == 1);

    [Fact]
    public void IdleVm_IsDeallocatedForItsWholeComputeCost()
    {
        var d = Assert.Single(Run(Usage(cpuP95: 1.2, network: 12, compute: 140.16m)));

        Assert.Equal((RecommendationCategory.Shutdown, RecommendationAction.Deallocate), (d.Category, d.Action));
        Assert.Equal(140.16m, d.MonthlySavings);
        Assert.Equal(0m, d.ProjectedMonthlyCost);
        Assert.Equal(RiskLevel.Low, d.Risk);
        Assert.Equal("az vm deallocate --subscription sub-1 --resource-group rg-test --name vm-worker-1", d.Command);
        Assert.Contains("P95 CPU 1.2%", d.Rationale);
    }

    [Fact]
    public void IdleProductionVm_IsMediumRisk() =>
        Assert.Equal(RiskLevel.Medium, Assert.Single(Run(Usage(Vm(environment: "prod"), cpuP95: 1, network: 1))).Risk);

    [Fact]
    public void WithoutMetrics_NothingIsIdle() => Assert.Empty(Run(Usage(cpuP95: null, network: null, days: 0)));

    [Fact]
    public void ThinCoverage_LowersConfidence()
    {
        Assert.Equal(5, Assert.Single(Run(Usage(cpuP95: 1, network: 1, days: 21))).Confidence);
        Assert.Equal(4, Assert.Single(Run(Usage(cpuP95: 1, network: 1, days: 20))).Confidence);
    }

    [Theory]
    [InlineData(0.99, false)]
    [InlineData(1.00, true)]
    [InlineData(1.01, true)]
    public void SavingsBelowTheMinimum_AreNotWorthADraft(double compute, bool kept) =>
        Assert.Equal(kept, Run(Usage(cpuP95: 1, network: 1, compute: (decimal)compute)).Count == 1);

    [Fact]
    public void StoppedOrDeallocatedVm_IsNotIdle()
    {
        Assert.Empty(Run(Usage(Vm(state: PowerState.Stopped), cpuP95: 1, network: 1)));
        Assert.Empty(Run(Usage(Vm(state: PowerState.Deallocated), cpuP95: 1, network: 1)));
    }
}
