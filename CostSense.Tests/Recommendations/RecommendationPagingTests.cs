using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Recommendations;

/// <summary>
/// The grid's pages over a real store: every page, read one by one (the later ones from the end, in the reverse order), puts
/// together exactly the order a single read gives, under any sort (nulls included) and with grouping; a grouped order keeps
/// each group contiguous; the count and the savings are the rows'.
/// </summary>
public abstract class RecommendationPagingTests
{
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private const int PageSize = 7;

    private static readonly Dictionary<string, string?> Demo = new()
    {
        ["CostSense:Demo:Subscriptions"] = "2", ["CostSense:Demo:ResourceGroups"] = "5", ["CostSense:Demo:VirtualMachines"] = "40",
        ["CostSense:Demo:StorageAccounts"] = "12", ["CostSense:Demo:MonthsOfHistory"] = "2",
    };

    private async Task<CoreHost> StartAsync()
    {
        var host = await CoreHost.StartAsync(Kind, Now, Demo);
        await host.Get<IDemoTenantService>().GenerateAsync(Actor.System, Ct);
        return host;
    }

    /// <summary>Every page from first to last, concatenated.</summary>
    private static async Task<List<Recommendation>> PagesAsync(IRecommendationService service, RecommendationQuery query)
    {
        var rows = new List<Recommendation>();
        var total = (await service.QueryAsync(query with { Take = 1 }, Ct)).TotalCount;
        for (var skip = 0; skip < total; skip += PageSize)
        {
            var page = await service.QueryAsync(query with { Skip = skip, Take = PageSize }, Ct);
            Assert.Equal(total, page.TotalCount);
            Assert.Equal(Math.Min(PageSize, total - skip), page.Items.Count);
            rows.AddRange(page.Items);
        }
        return rows;
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(nameof(Recommendation.ResourceName), false)]
    [InlineData(nameof(Recommendation.CpuP95), false)]
    [InlineData(nameof(Recommendation.CpuP95), true)]
    [InlineData(nameof(Recommendation.Status), false)]
    public async Task Pages_OneByOne_AreTheWholeOrder(string? sortBy, bool descending)
    {
        await using var host = await StartAsync();
        var service = host.Get<IRecommendationService>();
        var query = new RecommendationQuery(RecommendationKind.Compute, SortBy: sortBy, SortDescending: descending);
        var whole = await service.QueryAsync(query with { Take = 500 }, Ct);
        Assert.True(whole.TotalCount > 4 * PageSize, $"the demo should give several pages, gave {whole.TotalCount} rows");

        var paged = await PagesAsync(service, query);

        Assert.Equal(whole.Items.Select(r => r.Id), paged.Select(r => r.Id));
        Assert.Equal(whole.Items.Sum(r => r.MonthlySavings), whole.TotalMonthlySavings);
    }

    [Theory]
    [InlineData(nameof(Recommendation.ResourceGroup))]
    [InlineData(nameof(Recommendation.SubscriptionId))]
    public async Task Grouped_SortsByTheGroupFirst_SoEachGroupIsContiguousAcrossPages(string groupBy)
    {
        await using var host = await StartAsync();
        var service = host.Get<IRecommendationService>();
        var query = new RecommendationQuery(RecommendationKind.Compute, GroupBy: groupBy);
        var ungrouped = (await service.QueryAsync(query with { GroupBy = null, Take = 500 }, Ct)).Items;

        var paged = await PagesAsync(service, query);

        string Group(Recommendation r) => groupBy == nameof(Recommendation.ResourceGroup) ? r.ResourceGroup : r.SubscriptionId;
        Assert.True(paged.Select(Group).Distinct().Count() > 1, "the demo should spread recommendations over several groups");
        // The groups one after the other (in the store's collation, so not compared to an order made here) ...
        var runs = paged.Select(Group).Where((g, i) => i == 0 || g != Group(paged[i - 1])).ToList();
        Assert.Equal(runs.Distinct().Count(), runs.Count);
        // ... each holding its rows in the savings order the ungrouped grid shows, and together every row once.
        foreach (var group in runs)
            Assert.Equal(ungrouped.Where(r => Group(r) == group).Select(r => r.Id), paged.Where(r => Group(r) == group).Select(r => r.Id));
        Assert.Equal(ungrouped.Select(r => r.Id).Order(), paged.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task AFilteredLastPage_HoldsTheLastMatchingRows()
    {
        await using var host = await StartAsync();
        var service = host.Get<IRecommendationService>();
        var query = new RecommendationQuery(RecommendationKind.Compute, Search: "prod", SortBy: nameof(Recommendation.ResourceName), SortDescending: false);
        var whole = (await service.QueryAsync(query with { Take = 500 }, Ct)).Items;
        Assert.True(whole.Count > PageSize, $"searching 'prod' should find more than a page, found {whole.Count}");

        var last = await service.QueryAsync(query with { Skip = (whole.Count - 1) / PageSize * PageSize, Take = PageSize }, Ct);

        Assert.Equal(whole.Skip((whole.Count - 1) / PageSize * PageSize).Select(r => r.Id), last.Items.Select(r => r.Id));
        Assert.Empty((await service.QueryAsync(query with { Skip = whole.Count, Take = PageSize }, Ct)).Items);
    }
}

public sealed class SqliteRecommendationPagingTests : RecommendationPagingTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresRecommendationPagingTests : RecommendationPagingTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
