using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Compute;
using static CostSense.Tests.Recommendations.Rules.RuleFixtures;

namespace CostSense.Tests.Recommendations.Rules;

public class ScaleUpRuleTests
{
    private static readonly ScaleUpRule Rule = new(Catalog);

    private static RecommendationDraft? Run(VmUsage u, RecommendationOptions? o = null) => Rule.Evaluate(u, o ?? Options).SingleOrDefault();

    [Theory]
    [InlineData(84.99, null)]
    [InlineData(85.0, null)]
    [InlineData(85.01, "Standard_D8s_v3")]
    public void CpuP95AboveEightyFivePercent_ScalesUp(double cpu, string? target) =>
        Assert.Equal(target, Run(Usage(cpuP95: cpu))?.Target);

    [Theory]
    [InlineData(85.0, null)]
    [InlineData(85.01, "Standard_D8s_v3")]
    public void MemoryP95AboveEightyFivePercent_ScalesUp(double memory, string? target) =>
        Assert.Equal(target, Run(Usage(memoryP95: memory))?.Target);

    [Fact]
    public void HotMemoryOnly_TakesTheNextSizeWithMoreMemory() =>
        Assert.Equal("Standard_B2ms", Run(Usage(Vm(size: "Standard_B2s"), cpuP95: 40, memoryP95: 90))?.Target);

    [Fact]
    public void ScaleUp_IsAPerformanceRiskWithNegativeSavingsKeptDespiteTheMinimum()
    {
        var d = Run(Usage(cpuP95: 92, compute: 140.16m), new RecommendationOptions { MinimumMonthlySavings = 500 })!;

        Assert.Equal((RecommendationCategory.Performance, RecommendationAction.ScaleUp, RiskLevel.High), (d.Category, d.Action, d.Risk));
        Assert.Equal(-140.16m, d.MonthlySavings);
        Assert.Contains("P95 CPU 92.0% → 46.0%", d.Rationale);
        Assert.EndsWith("--size Standard_D8s_v3", d.Command);
    }

    [Fact]
    public void LargestSizeOfTheFamily_HasNowhereToGo() =>
        Assert.Null(Run(Usage(Vm(size: "Standard_D64s_v3"), cpuP95: 95)));
}
