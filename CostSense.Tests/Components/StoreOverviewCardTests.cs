using Bunit;
using CostSense.Core.Data.Entities;
using CostSense.Core.Operations;
using CostSense.Web.Components.Pages.Data;

namespace CostSense.Tests.Components;

public sealed class StoreOverviewCardTests : ComponentTestBase
{
    [Fact]
    public void StoreOverviewCard_ShowsWhereTheDataLivesAndTheRecentWrites()
    {
        var batch = new ImportBatch
        {
            Id = 7, Source = "demo", PeriodStart = new(2025, 11, 1), PeriodEnd = new(2026, 11, 27), RowCount = 62_063,
            EffectiveCost = 281_234.5m, Currency = "USD", ImportedAt = new DateTimeOffset(2026, 11, 26, 9, 50, 0, TimeSpan.Zero),
        };
        var overview = new StoreOverview("PostgreSQL", "db:5432/costsense", "Redis", "redis:6379", 62_063, new(2025, 11, 1), new(2026, 11, 26), [batch]);

        var cut = Render<StoreOverviewCard>(p => p.Add(c => c.Overview, overview));

        Assert.Contains("db:5432/costsense", cut.Markup);
        Assert.Contains("Redis (redis:6379)", cut.Markup);
        Assert.Contains("2025-11-01 to 2026-11-26", cut.Markup);
        var row = cut.Find("[data-testid=recent-imports] tbody tr").TextContent;
        Assert.Contains("62,063", row);
        Assert.Contains("$281,234.50", row);
        Assert.Contains("2026-11-26 09:50", row);
    }

    [Fact]
    public void StoreOverviewCard_WithoutWhereTheStoreIs_NamesTheProviderAndTheCacheKindOnly()
    {
        var overview = new StoreOverview("SQLite", null, "Redis", null, 0, null, null, []);

        var cut = Render<StoreOverviewCard>(p => p.Add(c => c.Overview, overview));

        Assert.Equal("SQLite", cut.Find("[data-testid=store-database]").TextContent.Trim());
        Assert.Equal("Redis", cut.Find("[data-testid=store-cache]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=store-overview] code"));
    }

    [Fact]
    public void StoreOverviewCard_ForAnEmptyStore_SaysThereIsNoCostYet()
    {
        var cut = Render<StoreOverviewCard>(p => p.Add(c => c.Overview, new StoreOverview("SQLite", "/tmp/x.db", "In-memory", null, 0, null, null, [])));

        Assert.Contains("no cost yet", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=recent-imports]"));
    }
}
