using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Storage;
using static CostSense.Tests.Recommendations.Rules.RuleFixtures;

namespace CostSense.Tests.Recommendations.Rules;

public class LifecycleRuleTests
{
    private static RecommendationDraft? Run(StorageAccount a, decimal? cost = null) =>
        new LifecycleRule(new AccessTierRule(Time())).Evaluate(Storage(a, cost), Options).SingleOrDefault();

    [Theory]
    [InlineData("logs", true)]
    [InlineData("backups", true)]
    [InlineData("diagnostics", true)]
    [InlineData("data", false)]
    [InlineData("static-web", false)]
    public void LogsBackupsAndDiagnostics_GetALifecyclePolicy(string purpose, bool expected) =>
        Assert.Equal(expected, Run(AccountWith(purpose: purpose)) is not null);

    [Theory]
    [InlineData(AccessTier.Hot, true)]
    [InlineData(AccessTier.Cool, true)]
    [InlineData(AccessTier.Cold, false)]
    [InlineData(AccessTier.Archive, false)]
    public void OnlyHotAndCoolAccounts_AreAgedOut(AccessTier tier, bool expected) =>
        Assert.Equal(expected, Run(AccountWith(tier, purpose: "logs")) is not null);

    [Theory]
    [InlineData(29, true)]
    [InlineData(30, false)]
    public void AnAccountIdleEnoughToMoveWhole_IsLeftToTheAccessTierRule(int idle, bool expected) =>
        Assert.Equal(expected, Run(AccountWith(purpose: "backups", idleDays: idle)) is not null);

    [Fact]
    public void HotPolicy_SavesTheAgedShareMovedDown_AndSaysWhatItAssumed()
    {
        var d = Run(AccountWith(purpose: "logs", gib: 1_000), cost: 20m)!;

        // 60/365 of 1,000 GiB saves 0.0084 in Cool, 275/365 saves 0.0148 in Cold: 1.38 + 11.15.
        Assert.Equal(12.53m, d.MonthlySavings);
        Assert.Equal(20m, d.CurrentMonthlyCost);
        Assert.Equal(RecommendationCategory.Lifecycle, d.Category);
        Assert.Contains("steady write rate", d.Rationale);
        Assert.Contains("75.3%", d.Rationale);
        Assert.Contains("Cold 90", d.Rationale);
        Assert.StartsWith("az storage account management-policy create --subscription sub-1 --resource-group rg-test --account-name stlogs01 --policy '", d.Command);
        Assert.Contains("\"tierToCool\":{\"daysAfterModificationGreaterThan\":30},\"tierToCold\":{\"daysAfterModificationGreaterThan\":90}", d.Command);
    }

    [Theory]
    [InlineData(150, false)] // 150 GiB × 0.753 × 0.0064 = 0.72
    [InlineData(250, true)]  // 1.21
    public void CoolPolicy_BelowTheMinimumSaving_IsDropped(double gib, bool expected) =>
        Assert.Equal(expected, Run(AccountWith(AccessTier.Cool, purpose: "logs", gib: gib)) is not null);
}
