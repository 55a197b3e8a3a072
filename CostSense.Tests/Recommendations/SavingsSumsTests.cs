using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Recommendations;

/// <summary>
/// The savings summary's sums computed in PostgreSQL equal the same sums over every row in memory (the arithmetic SQLite
/// uses), on the demo tenant after decisions of every kind and with a resource whose id comes in two casings: per category,
/// the risks, one best per resource, accepted, realized, the plan's order, for the tenant and for one subscription. And the
/// dashboard's top recommendations, read kind by kind down the grid's index, are the first of all open rows sorted.
/// </summary>
public sealed class SavingsSumsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SumsInPostgres_EqualTheSumsOverEveryRow()
    {
        await using var host = await CoreHost.StartAsync(StoreKind.Postgres, Now);
        await host.Get<IDemoTenantService>().GenerateAsync(Actor.System, Ct);
        var analyst = await host.AddPersonAsync("analyst@app.test", AppRoles.Analyst);
        var service = host.Get<IRecommendationService>();
        var open = (await service.QueryAsync(new RecommendationQuery(RecommendationKind.Compute, Take: 500), Ct)).Items;
        Assert.True(open.Count > 8, "The demo tenant should give compute recommendations to decide on.");
        await service.ChangeStatusAsync(analyst, [open[0].Id, open[1].Id], new StatusChange(RecommendationStatus.Accepted), Ct);
        await service.ChangeStatusAsync(analyst, [open[1].Id], new StatusChange(RecommendationStatus.Implemented), Ct);
        await service.ChangeStatusAsync(analyst, [open[2].Id], new StatusChange(RecommendationStatus.Dismissed, "kept on purpose"), Ct);
        await using (var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct))
        {
            // The same resource in capitals, saving more, and a tie with a smaller id: one best per resource, case aside.
            var source = await db.Recommendations.AsNoTracking().SingleAsync(r => r.Id == open[3].Id, Ct);
            db.Recommendations.AddRange(
                Copy(source, "0000upper", source.ResourceId.ToUpperInvariant(), source.MonthlySavings + 7.13m),
                Copy(source, "0000tie", source.ResourceId, source.MonthlySavings));
            await db.SaveChangesAsync(Ct);
        }

        var subscription = open[0].SubscriptionId;
        foreach (var sub in new[] { null, subscription })
        {
            await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
            var inSql = await SavingsSumsSql.ReadAsync(db, sub, Ct);
            var inMemory = await RecommendationService.SumsInMemoryAsync(db, sub, Ct);

            Assert.Equal(inMemory.ByCategory, inSql.ByCategory);
            Assert.Equal((inMemory.Risks, inMemory.RiskMonthly), (inSql.Risks, inSql.RiskMonthly));
            Assert.Equal((inMemory.BestMonthly, inMemory.BestEffort), (inSql.BestMonthly, inSql.BestEffort));
            Assert.Equal((inMemory.Accepted, inMemory.Realized), (inSql.Accepted, inSql.Realized));
            Assert.Equal(inMemory.Plan(), inSql.Plan());
            Assert.True(inMemory.Realized > 0 && inMemory.Accepted > 0 && inMemory.Risks > 0, "Every kind of sum should be exercised.");
        }
        var summary = await service.SummaryAsync(Ct);
        Assert.Contains(summary.Plan, s => s.Recommendation.Id == "0000upper");
        Assert.DoesNotContain(summary.Plan, s => s.Recommendation.ResourceId == open[3].ResourceId);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task TopRecommendations_AreTheFirstOfEveryOpenRowSorted(StoreKind kind)
    {
        await using var host = await CoreHost.StartAsync(kind, Now);
        await host.Get<IDemoTenantService>().GenerateAsync(Actor.System, Ct);
        var service = host.Get<IRecommendationService>();
        var top = await service.TopAsync(7, null, Ct);

        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var all = await db.Recommendations.AsNoTracking()
            .Where(r => r.IsActive && r.Status == RecommendationStatus.Open && r.Category != RecommendationCategory.Performance).ToListAsync(Ct);
        var expected = all.OrderByDescending(r => r.MonthlySavings).ThenBy(r => r.Id, StringComparer.Ordinal)
            .DistinctBy(r => r.ResourceId, StringComparer.OrdinalIgnoreCase).Take(7).Select(r => r.Id).ToList();
        Assert.Equal(7, expected.Count);
        Assert.Contains(all, r => r.Kind == RecommendationKind.Storage);
        Assert.Equal(expected, top.Select(r => r.Id).ToList());
    }

    private static Recommendation Copy(Recommendation r, string id, string resourceId, decimal monthly) => new()
    {
        Id = id, ResourceId = resourceId, ResourceName = r.ResourceName, SubscriptionId = r.SubscriptionId, ResourceGroup = r.ResourceGroup,
        Region = r.Region, Kind = r.Kind, Category = r.Category, Action = r.Action, Current = r.Current, Target = r.Target,
        CurrentMonthlyCost = r.CurrentMonthlyCost, ProjectedMonthlyCost = r.ProjectedMonthlyCost, MonthlySavings = monthly,
        AnnualSavings = monthly * 12m, Confidence = r.Confidence, EffortHours = r.EffortHours, Risk = r.Risk, Rationale = r.Rationale,
        Command = r.Command, LookbackDays = r.LookbackDays, ComputedAt = r.ComputedAt, IsActive = true, Status = RecommendationStatus.Open,
    };
}
