using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Compute;
using static CostSense.Tests.Recommendations.Rules.RuleFixtures;

namespace CostSense.Tests.Recommendations.Rules;

public class StoppedVmRuleTests
{
    private static List<RecommendationDraft> Run(VmUsage u) => new StoppedVmRule().Evaluate(u, Options).ToList();

    [Theory]
    [InlineData(PowerState.Running, false)]
    [InlineData(PowerState.Stopped, true)]
    [InlineData(PowerState.Deallocated, false)]
    public void OnlyAStoppedVm_IsStillBilledAndDeallocated(PowerState state, bool expected) =>
        Assert.Equal(expected, Run(Usage(Vm(state: state), cpuP95: null, network: null, days: 0, compute: 140.16m)).Count == 1);

    [Fact]
    public void StoppedVm_SavesItsComputeCost()
    {
        var d = Assert.Single(Run(Usage(Vm(state: PowerState.Stopped, since: Today.AddDays(-9)), compute: 140.16m)));

        Assert.Equal(140.16m, d.MonthlySavings);
        Assert.Equal(RecommendationAction.Deallocate, d.Action);
        Assert.StartsWith("az vm deallocate ", d.Command);
        Assert.Contains("2026-11-17", d.Rationale);
    }

    [Theory]
    [InlineData(0.99, false)]
    [InlineData(1.00, true)]
    public void SavingsBelowTheMinimum_AreDropped(double compute, bool kept) =>
        Assert.Equal(kept, Run(Usage(Vm(state: PowerState.Stopped), compute: (decimal)compute)).Count == 1);
}
