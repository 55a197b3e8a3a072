using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Storage;
using static CostSense.Tests.Recommendations.Rules.RuleFixtures;

namespace CostSense.Tests.Recommendations.Rules;

public class ReplicationRuleTests
{
    private static RecommendationDraft? Run(StorageAccount a) => new ReplicationRule().Evaluate(Storage(a), Options).SingleOrDefault();

    [Theory]
    [InlineData(0, "Hot · GRS")]
    [InlineData(1, null)]
    [InlineData(500, null)]
    public void RaGrsWithoutSecondaryReads_DropsToGrs(long secondaryReads, string? target) =>
        Assert.Equal(target, Run(AccountWith(replication: Replication.RAGRS, purpose: "data", secondaryReads: secondaryReads))?.Target);

    [Theory]
    [InlineData(Replication.RAGRS, "prod", "Hot · GRS")]
    [InlineData(Replication.RAGRS, "dev", "Hot · LRS")]
    [InlineData(Replication.GRS, "prod", null)]
    [InlineData(Replication.GRS, "dev", "Hot · LRS")]
    [InlineData(Replication.ZRS, "production", null)]
    [InlineData(Replication.ZRS, "test", "Hot · LRS")]
    [InlineData(Replication.GRS, "shared", "Hot · LRS")]
    [InlineData(Replication.LRS, "dev", null)]
    public void NonProductionAccounts_NeedOnlyLocalRedundancy(Replication replication, string environment, string? target) =>
        Assert.Equal(target, Run(AccountWith(replication: replication, purpose: "data", environment: environment))?.Target);

    [Fact]
    public void Saving_IsTheCapacityPriceDifference()
    {
        var d = Run(AccountWith(replication: Replication.RAGRS, purpose: "data", gib: 2_000))!;

        Assert.Equal(18.40m, d.MonthlySavings); // 2,000 GiB × (0.046 − 0.0368)
        Assert.Equal((RecommendationCategory.Replication, RecommendationAction.ChangeReplication, RiskLevel.Low), (d.Category, d.Action, d.Risk));
        Assert.Equal("az storage account update --subscription sub-1 --resource-group rg-test --name stdata01 --sku Standard_GRS", d.Command);
    }

    [Fact]
    public void AnAccountMovingTier_IsPricedInItsNewTier_SoTheSavingsDoNotOverlap()
    {
        var a = AccountWith(AccessTier.Cold, Replication.GRS, purpose: "backups", environment: "dev", gib: 2_000, reads: 10, idleDays: 200);

        var alone = new ReplicationRule().Evaluate(Storage(a), Options).Single();
        var afterArchive = new ReplicationRule(new AccessTierRule(Time())).Evaluate(Storage(a), Options).Single();

        Assert.Equal(7.20m, alone.MonthlySavings);        // 2,000 GiB × (0.0072 − 0.0036) in Cold
        Assert.Equal(1.98m, afterArchive.MonthlySavings); // 2,000 GiB × (0.00198 − 0.00099) in Archive
        Assert.Contains("after the recommended tier move", afterArchive.Rationale);
    }

    [Fact]
    public void LeavingZrs_IsAConversion() =>
        Assert.StartsWith("az storage account migration start ", Run(AccountWith(replication: Replication.ZRS, purpose: "data", environment: "dev"))!.Command);

    [Theory]
    [InlineData(108, false)] // 108 GiB × 0.0092 = 0.99
    [InlineData(109, true)]  // 1.00
    public void SavingBelowTheMinimum_IsDropped(double gib, bool expected) =>
        Assert.Equal(expected, Run(AccountWith(replication: Replication.RAGRS, purpose: "data", gib: gib)) is not null);
}
