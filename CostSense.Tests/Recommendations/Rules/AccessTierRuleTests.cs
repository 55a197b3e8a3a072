using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Storage;
using static CostSense.Tests.Recommendations.Rules.RuleFixtures;

namespace CostSense.Tests.Recommendations.Rules;

public class AccessTierRuleTests
{
    private static RecommendationDraft? Run(StorageAccount a) => new AccessTierRule(Time()).Evaluate(Storage(a), Options).SingleOrDefault();

    [Theory]
    [InlineData(29, null)]
    [InlineData(30, "Cool")]
    [InlineData(31, "Cool")]
    public void HotAccount_IdleThirtyDays_MovesToCool(int idle, string? target) =>
        Assert.Equal(target, Run(AccountWith(purpose: "data", idleDays: idle))?.Target);

    [Theory]
    [InlineData(89, null)]
    [InlineData(90, "Cold")]
    [InlineData(91, "Cold")]
    public void CoolAccount_IdleThreeTimesAsLong_MovesToCold(int idle, string? target) =>
        Assert.Equal(target, Run(AccountWith(AccessTier.Cool, purpose: "data", idleDays: idle))?.Target);

    [Theory]
    [InlineData("backups", 179, null)]
    [InlineData("backups", 180, "Archive")]
    [InlineData("logs", 181, "Archive")]
    [InlineData("data", 400, null)]
    public void BackupsAndLogs_IdleSixTimesAsLong_MoveToArchive(string purpose, int idle, string? target) =>
        Assert.Equal(target, Run(AccountWith(AccessTier.Cold, purpose: purpose, reads: 10, idleDays: idle))?.Target);

    [Fact]
    public void ZrsAccount_HasNoArchiveTier_SoStopsAtCold() =>
        Assert.Equal("Cold", Run(AccountWith(AccessTier.Hot, Replication.ZRS, idleDays: 200))?.Target);

    [Theory]
    [InlineData(13_000, "Cool")]
    [InlineData(14_000, null)]
    public void ReadsThatEatHalfTheCapacitySaving_KeepTheAccountHot(long reads, string? target) =>
        Assert.Equal(target, Run(AccountWith(purpose: "data", reads: reads, idleDays: 40))?.Target);

    [Fact]
    public void CoolMove_SavesCapacityLessTheExtraAccessCost_AndNamesTheEarlyDeletionPeriod()
    {
        var d = Run(AccountWith(purpose: "data", gib: 1_000, reads: 100, writes: 100, idleDays: 45))!;

        // 1,000 GiB × (0.0184 − 0.01) = 8.40; 3,000 reads cost 0.0018 more and retrieve ~2.93 GB at 0.01 (0.03); 3,000 writes 0.015 more.
        Assert.Equal(19.40m, d.CurrentMonthlyCost);
        Assert.Equal(8.35m, d.MonthlySavings);
        Assert.Equal((RecommendationCategory.AccessTier, RecommendationAction.ChangeAccessTier), (d.Category, d.Action));
        Assert.Contains("30-day early-deletion", d.Rationale);
        Assert.Contains("1 MiB per read", d.Rationale);
        Assert.Equal("az storage account update --subscription sub-1 --resource-group rg-test --name stdata01 --access-tier Cool", d.Command);
    }

    [Fact]
    public void ColdAndArchiveMoves_AreLifecycleRulesBecauseTheyAreBlobLevel()
    {
        var cold = Run(AccountWith(AccessTier.Cool, purpose: "data", idleDays: 100))!;
        var archive = Run(AccountWith(AccessTier.Cool, idleDays: 200))!;

        Assert.Contains("\"tierToCold\":{\"daysAfterModificationGreaterThan\":90}", cold.Command);
        Assert.Contains("90-day early-deletion", cold.Rationale);
        Assert.Contains("\"tierToArchive\":{\"daysAfterModificationGreaterThan\":180}", archive.Command);
        Assert.Contains("180-day early-deletion", archive.Rationale);
        Assert.Contains("rehydration", archive.Rationale);
        Assert.Equal(RiskLevel.High, archive.Risk);
    }

    [Fact]
    public void ArchivedAccount_HasNowhereToGo() => Assert.Null(Run(AccountWith(AccessTier.Archive, idleDays: 400)));
}
