using System.Text.RegularExpressions;
using CostSense.Core.Catalog;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Sources.Demo;
using static CostSense.Tests.Recommendations.Rules.RuleFixtures;

namespace CostSense.Tests.Recommendations.Rules;

/// <summary>All rules over the default demo tenant: each category turns up, and every draft is well formed.</summary>
public partial class DemoTenantRulesTests
{
    private static readonly Lazy<List<RecommendationDraft>> Drafts = new(() =>
    {
        var tenant = new DemoTenantGenerator(Catalog).Generate(new DemoTenantOptions(), Today);
        var (vms, storage) = DemoUsages.Build(tenant, Options.LookbackDays);
        var time = Time();
        return
        [
            .. RecommendationRules.Compute(Catalog, time).SelectMany(r => vms.SelectMany(u => r.Evaluate(u, Options))),
            .. RecommendationRules.Storage(time).SelectMany(r => storage.SelectMany(u => r.Evaluate(u, Options))),
        ];
    });

    [Fact]
    public void DemoTenant_ShowsEveryCategory()
    {
        var found = Drafts.Value.Select(d => d.Category).ToHashSet();

        Assert.All(Enum.GetValues<RecommendationCategory>(), c => Assert.Contains(c, found));
        Assert.Contains(Drafts.Value, d => d.Action == RecommendationAction.Delete);
        Assert.Contains(Drafts.Value, d => d.Category == RecommendationCategory.Shutdown && d.Action == RecommendationAction.Deallocate);
    }

    [Fact]
    public void EveryDraft_HasNumbersACommandAndConsistentSavings()
    {
        Assert.All(Drafts.Value, d =>
        {
            Assert.Matches(Digit(), d.Rationale);
            Assert.StartsWith("az ", d.Command);
            Assert.InRange(d.Confidence, 0, 5);
            Assert.True(d.CurrentMonthlyCost >= 0 && d.ProjectedMonthlyCost >= 0, $"{d.ResourceId} {d.Action}: negative cost");
            Assert.Equal(d.CurrentMonthlyCost - d.ProjectedMonthlyCost, d.MonthlySavings);
            Assert.Equal(d.MonthlySavings * 12, d.AnnualSavings);
            if (d.Category == RecommendationCategory.Performance) Assert.True(d.MonthlySavings < 0, $"{d.ResourceId}: scale-up should cost more");
            else Assert.True(d.MonthlySavings >= Options.MinimumMonthlySavings, $"{d.ResourceId} {d.Action}: saves {d.MonthlySavings}");
        });
    }

    [Fact]
    public void EachResourceAndAction_IsProposedOnce() =>
        Assert.Equal(Drafts.Value.Count, Drafts.Value.Select(d => (d.ResourceId, d.Action)).Distinct().Count());

    /// <summary>Savings that can be taken together never exceed what the resource costs (the 3-year reservation is the 1-year's alternative).</summary>
    [Fact]
    public void SavingsThatStack_NeverExceedTheResourcesCost() =>
        Assert.All(Drafts.Value.Where(d => d.Category != RecommendationCategory.Performance && d.Action != RecommendationAction.Reserve3Year)
            .GroupBy(d => d.ResourceId), g =>
            {
                var cost = g.Max(d => d.CurrentMonthlyCost);
                Assert.True(g.Sum(d => d.MonthlySavings) <= cost, $"{g.Key}: {g.Sum(d => d.MonthlySavings)} saved of {cost}");
            });

    [GeneratedRegex(@"\d")]
    private static partial Regex Digit();
}
