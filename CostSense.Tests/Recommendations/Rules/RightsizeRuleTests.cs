using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Compute;
using static CostSense.Tests.Recommendations.Rules.RuleFixtures;

namespace CostSense.Tests.Recommendations.Rules;

/// <summary>
/// A D4s_v3 (4 vCPU, 16 GiB, $0.192/h in eastus). Its halves: D2s_v3 ($0.096/h), B2ms ($0.0832/h, 30% baseline),
/// B4ms ($0.166/h, 22.5%). Average CPU 40% keeps every B size out unless a test wants one.
/// </summary>
public class RightsizeRuleTests
{
    private static readonly RightsizeRule Rule = new(Catalog);

    private static RecommendationDraft? Run(VmUsage u) => Rule.Evaluate(u, Options).SingleOrDefault();

    [Theory]
    [InlineData(39.99, "Standard_D2s_v3")]
    [InlineData(40.0, "Standard_D2s_v3")]
    [InlineData(40.01, null)]
    public void ProjectedCpuP95_UpToEightyPercent_Fits(double cpu, string? target) =>
        Assert.Equal(target, Run(Usage(cpuP95: cpu, cpuAverage: 40, memoryP95: 20))?.Target);

    [Theory]
    [InlineData(39.99, "Standard_D2s_v3")]
    [InlineData(40.0, "Standard_D2s_v3")]
    [InlineData(40.01, null)]
    public void ProjectedMemory_UpToEightyPercent_Fits(double memory, string? target) =>
        Assert.Equal(target, Run(Usage(cpuP95: 20, cpuAverage: 40, memoryP95: 10, memoryMax: memory))?.Target);

    [Theory]
    [InlineData(19.99, 20, "Standard_D2s_v3")]
    [InlineData(20.0, 30.0, "Standard_D2s_v3")]
    [InlineData(20.01, 20, null)]
    [InlineData(15, 30.01, null)]
    public void UserFacingVm_KeepsFortyPercentCpuAndSixtyPercentMemory(double cpu, double memory, string? target) =>
        Assert.Equal(target, Run(Usage(Vm(workload: "web"), cpuP95: cpu, cpuAverage: 40, memoryP95: memory))?.Target);

    [Theory]
    [InlineData(14.99, "Standard_B2ms")]
    [InlineData(15.0, "Standard_B2ms")]
    [InlineData(15.01, "Standard_D2s_v3")]
    public void BurstableSize_WhenTheAverageStaysAtOrUnderItsBaseline(double average, string target)
    {
        var d = Run(Usage(cpuP95: 30, cpuAverage: average, memoryP95: 30));

        Assert.Equal(target, d?.Target);
        if (target == "Standard_B2ms") Assert.Contains("30% baseline", d!.Rationale);
    }

    [Fact]
    public void Resize_NamesTheNumbersAndTheCommand()
    {
        var d = Run(Usage(cpuP95: 11.2, cpuAverage: 16, memoryP95: 17.5, compute: 140.16m))!;

        Assert.Equal(("Standard_D4s_v3", "Standard_D2s_v3"), (d.Current, d.Target));
        Assert.Contains("P95 CPU 11.2% and P95 memory 17.5% over 30 of 30 days", d.Rationale);
        Assert.Contains("D4s_v3 → D2s_v3 keeps projected P95 CPU at 22.4%", d.Rationale);
        Assert.Contains("memory at 35.0%", d.Rationale);
        Assert.Equal(70.08m, d.MonthlySavings); // half the price, half the cost
        Assert.Equal("az vm resize --subscription sub-1 --resource-group rg-test --name vm-worker-1 --size Standard_D2s_v3", d.Command);
        Assert.Equal(RecommendationCategory.Rightsize, d.Category);
    }

    [Fact]
    public void Confidence_LosesAPointForThinDataAndAnotherForATightFit()
    {
        Assert.Equal(5, Run(Usage(cpuP95: 24, cpuAverage: 40, memoryP95: 20))!.Confidence); // 48% = 60% of the 80% limit
        Assert.Equal(4, Run(Usage(cpuP95: 24.01, cpuAverage: 40, memoryP95: 20))!.Confidence);
        Assert.Equal(3, Run(Usage(cpuP95: 30, cpuAverage: 40, memoryP95: 20, days: 20))!.Confidence);
    }

    [Fact]
    public void WithoutMetrics_ThereIsNoRightsize() =>
        Assert.Null(Run(Usage(cpuP95: null, cpuAverage: null, memoryP95: null, network: null, days: 0)));

    [Fact]
    public void IdleAndHotVms_AreLeftToTheirOwnRules()
    {
        Assert.Null(Run(Usage(cpuP95: 1, cpuAverage: 0.5, memoryP95: 20, network: 10)));
        Assert.Null(Run(Usage(cpuP95: 20, cpuAverage: 40, memoryP95: 85.01)));
    }

    [Fact]
    public void SmallestSizeOfTheFamily_HasNothingSmaller() =>
        Assert.Null(Run(Usage(Vm(size: "Standard_D2s_v3"), cpuP95: 10, cpuAverage: 40, memoryP95: 10)));
}
