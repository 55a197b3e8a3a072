using System.Globalization;
using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Recommendations;

/// <summary>
/// The seeded demo tenant's recommendations, pinned: the same seed and day give the same counts and totals per
/// category, on SQLite and on PostgreSQL, and each category's total is the sum of its rows. A change to a rule, a
/// price or the generator shows up here as a diff of numbers to review, not as silence.
/// </summary>
public abstract class GoldenDemoTenantTests
{
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Category → (open count, monthly savings), for the default demo tenant on 2026-11-20.</summary>
    public static readonly IReadOnlyDictionary<RecommendationCategory, (int Count, decimal Monthly)> Golden =
        new Dictionary<RecommendationCategory, (int, decimal)>
        {
            // From the first run on both stores (they agree to the cent); the test prints the current figures.
            [RecommendationCategory.Shutdown] = (15, 1077.26m),
            [RecommendationCategory.Rightsize] = (16, 907.72m),
            [RecommendationCategory.Commitment] = (74, 9642.87m),
            [RecommendationCategory.AccessTier] = (1, 151.25m),
            [RecommendationCategory.Lifecycle] = (11, 261.47m),
            [RecommendationCategory.Replication] = (5, 125.04m),
        };

    [Fact]
    public async Task DemoTenant_CategoryCountsAndTotals_AreStable_AndEqualTheSumOfTheirRows()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        await host.Get<IDemoTenantService>().GenerateAsync(Actor.System, Ct);
        var service = host.Get<IRecommendationService>();

        var rows = new List<Recommendation>();
        foreach (var kind in Enum.GetValues<RecommendationKind>())
            for (var skip = 0; ; skip += 500)
            {
                var page = await service.QueryAsync(new RecommendationQuery(kind, Skip: skip, Take: 500), Ct);
                rows.AddRange(page.Items);
                if (skip + 500 >= page.TotalCount) break;
            }
        var summary = await service.SummaryAsync(Ct);

        var actual = rows.Where(r => r.Category != RecommendationCategory.Performance).GroupBy(r => r.Category)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Monthly: g.Sum(r => r.MonthlySavings)));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, actual.OrderBy(a => a.Key)
            .Select(a => $"[RecommendationCategory.{a.Key}] = ({a.Value.Count}, {a.Value.Monthly.ToString("0.00", CultureInfo.InvariantCulture)}m),")));

        // Each category's total on the savings page is the sum of the grid's rows, to the cent.
        Assert.Equal(actual.OrderBy(a => a.Key).Select(a => (a.Key, a.Value.Count, a.Value.Monthly)),
            summary.ByCategory.Select(c => (c.Category, c.Count, c.MonthlySavings)));
        Assert.All(rows, r => Assert.Equal(r.CurrentMonthlyCost - r.ProjectedMonthlyCost, r.MonthlySavings));
        Assert.All(rows, r => Assert.Equal(r.MonthlySavings * 12m, r.AnnualSavings));
        Assert.Equal(rows.Count(r => r.Category == RecommendationCategory.Performance), summary.PerformanceRisks);

        // Every category the issue names is found in the demo tenant.
        foreach (var category in Enum.GetValues<RecommendationCategory>().Where(c => c != RecommendationCategory.Performance))
            Assert.True(actual.ContainsKey(category), $"No {category} recommendation in the demo tenant");
        Assert.True(summary.PerformanceRisks > 0);

        // Recomputing from the same data changes nothing.
        await service.RecomputeAsync(Ct);
        var again = await service.SummaryAsync(Ct);
        Assert.Equal(summary.ByCategory, again.ByCategory);
        Assert.Equal(summary.OpenMonthlySavings, again.OpenMonthlySavings);

        foreach (var (category, expected) in Golden)
            Assert.Equal((category, expected.Count, expected.Monthly), (category, actual[category].Count, actual[category].Monthly));
    }
}

public sealed class SqliteGoldenDemoTenantTests : GoldenDemoTenantTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresGoldenDemoTenantTests : GoldenDemoTenantTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
