using CostSense.Core.Access;
using CostSense.Core.Catalog;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Pricing;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CostSense.Tests.Recommendations;

/// <summary>
/// The recompute evaluates resources on every core, reads the window with PostgreSQL tuned for it (more work memory, no JIT)
/// and lists size families once per run. None of that may change a recommendation: what it stores equals, field by field and
/// to the last digit, what one plain pass gives — usage read with the store's defaults, every rule run on one resource after
/// another, the larger saving kept when two rules propose the same action, as the engine did before.
/// </summary>
public abstract class RecomputeEquivalenceTests
{
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Every field a computation writes (the lifecycle's are the user's and are not computed).</summary>
    private sealed record Row(string Id, string ResourceId, string ResourceName, string SubscriptionId, string ResourceGroup, string Region,
        string? Environment, string? Tags, RecommendationKind Kind, RecommendationCategory Category, RecommendationAction Action,
        string Current, string Target, decimal CurrentMonthlyCost, decimal ProjectedMonthlyCost, decimal MonthlySavings, decimal AnnualSavings,
        double Confidence, double EffortHours, RiskLevel Risk, string Rationale, string Command, double? CpuP95, double? MemoryP95, int LookbackDays);

    [Fact]
    public async Task Recompute_StoresExactlyWhatOneSequentialPassOfTheRulesGives()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        await host.Get<IDemoTenantService>().GenerateAsync(Actor.System, Ct);
        var result = await host.Get<IRecommendationService>().RecomputeAsync(Ct);

        var options = host.Get<IOptions<RecommendationOptions>>().Value;
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var stored = await db.Recommendations.AsNoTracking().Where(r => r.IsActive).ToListAsync(Ct);
        var actual = stored.Select(r => new Row(r.Id, r.ResourceId, r.ResourceName, r.SubscriptionId, r.ResourceGroup, r.Region, r.Environment, r.Tags,
            r.Kind, r.Category, r.Action, r.Current, r.Target, r.CurrentMonthlyCost, r.ProjectedMonthlyCost, r.MonthlySavings, r.AnnualSavings,
            r.Confidence, r.EffortHours, r.Risk, r.Rationale, r.Command, r.CpuP95, r.MemoryP95, r.LookbackDays)).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();

        var asOf = await RecommendationEngine.AsOfAsync(db, Ct) ?? throw new InvalidOperationException("The demo tenant has no data.");
        var expected = await SequentialAsync(db, host, options, asOf);

        Assert.Equal(result.Active, actual.Count);
        Assert.True(actual.Count > 50, $"Only {actual.Count} recommendations: too few to compare.");
        // Every category of the golden demo tenant, so every rule's path is compared.
        Assert.Subset(actual.Select(r => r.Category).ToHashSet(), GoldenDemoTenantTests.Golden.Keys.ToHashSet());
        Assert.Equal(expected.Select(r => r.Id), actual.Select(r => r.Id));
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
    }

    [Fact]
    public async Task PriceBook_ListsEachFamilyAsTheCatalogueDoes_EveryTimeItIsAsked()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        var catalog = host.Get<VmSizeCatalog>();
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var prices = await VmPriceBook.LoadAsync(db, catalog, Ct);
        var pairs = catalog.All.Select(s => (s.Family, s.Region)).Distinct().ToList();
        Assert.NotEmpty(pairs);
        foreach (var (family, region) in pairs)
            for (var ask = 0; ask < 2; ask++) // the second answer comes from the run's list
            {
                Assert.Equal(catalog.Family(family, region), prices.Family(family, region));
                Assert.Equal(catalog.Family(family, region.ToUpperInvariant()), prices.Family(family, region.ToUpperInvariant()));
            }
    }

    /// <summary>The engine's computation as a single loop over the usage read outside a transaction (no tuning applies there).</summary>
    private static async Task<List<Row>> SequentialAsync(CostSenseDbContext db, CoreHost host, RecommendationOptions options, DateOnly asOf)
    {
        var (vms, storage) = await UsageReader.ReadAsync(db, asOf, options.LookbackDays, Ct);
        var prices = await VmPriceBook.LoadAsync(db, host.Get<VmSizeCatalog>(), Ct);
        var kept = new Dictionary<string, (decimal Saving, Row Row)>(StringComparer.Ordinal);
        foreach (var usage in vms)
            foreach (var rule in host.Get<IEnumerable<IVmRule>>())
                foreach (var draft in rule is IPricedVmRule priced ? priced.Evaluate(usage, options, prices) : rule.Evaluate(usage, options))
                {
                    var vm = usage.Vm;
                    Keep(draft, vm.Name, vm.SubscriptionId, vm.ResourceGroup, vm.Region, vm.Environment, vm.Tags, usage.CpuP95, usage.MemoryP95);
                }
        foreach (var usage in storage)
            foreach (var rule in host.Get<IEnumerable<IStorageRule>>())
                foreach (var draft in rule.Evaluate(usage, options))
                {
                    var a = usage.Account;
                    Keep(draft, a.Name, a.SubscriptionId, a.ResourceGroup, a.Region, a.Environment, a.Tags, null, null);
                }
        return kept.Values.Select(k => k.Row).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();

        void Keep(RecommendationDraft d, string name, string subscription, string group, string region, string? environment, string? tags, double? cpu, double? memory)
        {
            if (d.Category != RecommendationCategory.Performance && d.MonthlySavings < options.MinimumMonthlySavings) return;
            var id = RecommendationIds.For(d.ResourceId, d.Action);
            // Two rules proposing the same action for the same resource: the larger (unrounded) saving stands, the first on a tie.
            if (kept.TryGetValue(id, out var other) && d.MonthlySavings <= other.Saving) return;
            var (current, projected) = (Math.Round(d.CurrentMonthlyCost, 2), Math.Round(d.ProjectedMonthlyCost, 2));
            kept[id] = (d.MonthlySavings, new Row(id, d.ResourceId, name, subscription, group, region, environment, tags, d.Kind, d.Category, d.Action, d.Current, d.Target,
                current, projected, current - projected, (current - projected) * 12m, Math.Clamp(d.Confidence, 0, 5), d.EffortHours, d.Risk,
                d.Rationale, d.Command, cpu, memory, options.LookbackDays));
        }
    }
}

public sealed class SqliteRecomputeEquivalenceTests : RecomputeEquivalenceTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresRecomputeEquivalenceTests : RecomputeEquivalenceTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
