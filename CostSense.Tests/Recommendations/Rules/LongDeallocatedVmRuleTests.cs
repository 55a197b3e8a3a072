using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Compute;
using static CostSense.Tests.Recommendations.Rules.RuleFixtures;

namespace CostSense.Tests.Recommendations.Rules;

public class LongDeallocatedVmRuleTests
{
    private static List<RecommendationDraft> Run(VmUsage u) => new LongDeallocatedVmRule(Time()).Evaluate(u, Options).ToList();

    private static VmUsage DeallocatedFor(int days, decimal disk = 19.71m) =>
        Usage(Vm(state: PowerState.Deallocated, since: Today.AddDays(-days)), cpuP95: null, network: null, days: 0, runningShare: 0, disk: disk);

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public void DeallocatedMoreThanThirtyDays_IsDeleted(int days, bool deleted) =>
        Assert.Equal(deleted, Run(DeallocatedFor(days)).Count == 1);

    [Fact]
    public void Deletion_SavesTheDiskAfterASnapshot()
    {
        var d = Assert.Single(Run(DeallocatedFor(47)));

        Assert.Equal((RecommendationCategory.Shutdown, RecommendationAction.Delete, RiskLevel.High), (d.Category, d.Action, d.Risk));
        Assert.Equal(19.71m, d.MonthlySavings);
        Assert.StartsWith("az snapshot create ", d.Command);
        Assert.Contains("&& az vm delete --subscription sub-1 --resource-group rg-test --name vm-worker-1 --yes", d.Command);
        Assert.Contains("deleteOption=Delete", d.Command);
        Assert.Contains("47 days", d.Rationale);
    }

    [Fact]
    public void RunningOrStoppedVm_IsNeverDeleted()
    {
        Assert.Empty(Run(Usage(Vm(since: Today.AddDays(-400)))));
        Assert.Empty(Run(Usage(Vm(state: PowerState.Stopped, since: Today.AddDays(-400)))));
    }

    [Fact]
    public void DiskCheaperThanTheMinimum_IsLeftAlone() => Assert.Empty(Run(DeallocatedFor(60, disk: 0.99m)));
}
