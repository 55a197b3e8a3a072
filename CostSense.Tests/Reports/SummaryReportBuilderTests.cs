using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Reports;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Reports;

/// <summary>
/// The summary is filled by the screen's services for the same scope: its cost figures are the dashboard's snapshot
/// for that filter, its savings the savings page's arithmetic over that subscription's recommendations only.
/// </summary>
public sealed class SummaryReportBuilderTests(DemoTenantStore store) : IClassFixture<DemoTenantStore>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AllSubscriptions_MonthToDate_IsTheDashboardAndSavingsPageFigures()
    {
        var dashboard = store.Host.Get<IDashboardService>();
        var asOf = await dashboard.AsOfAsync(store.Host.Time, Ct);
        var request = new SummaryRequest(new DateOnly(asOf.Year, asOf.Month, 1), asOf);

        var report = await store.Host.Get<SummaryReportBuilder>().BuildAsync(request, "Ann Analyst", Ct);

        var screen = await dashboard.GetAsync(request.Filter, Ct);
        Assert.Equal(screen.RangeTotal, report.Costs.RangeTotal);
        Assert.Equal(screen.Kpis, report.Costs.Kpis);
        Assert.Equal(screen.Previous.Total, report.Costs.Previous.Total);
        Assert.Equal(screen.TopServices, report.Costs.TopServices);
        var savings = await store.Host.Get<IRecommendationService>().SummaryAsync(Ct);
        Assert.Equal(savings.OpenMonthlySavings, report.Savings.OpenMonthlySavings);
        Assert.Equal(savings.RealizedMonthlySavings, report.Savings.RealizedMonthlySavings);
        Assert.Equal((await store.Host.Get<IRecommendationService>().TopAsync(10, Ct)).Select(r => r.Id), report.TopRecommendations.Select(r => r.Id));
        // Ten resources, each with its largest saving: alternatives for one VM are one opportunity.
        Assert.Equal(10, report.TopRecommendations.Select(r => r.ResourceId).Distinct().Count());
        var open = (await store.Host.Get<IRecommendationService>().QueryAsync(new RecommendationQuery(RecommendationKind.Compute, Status: RecommendationStatus.Open, Take: 10_000), Ct)).Items
            .Concat((await store.Host.Get<IRecommendationService>().QueryAsync(new RecommendationQuery(RecommendationKind.Storage, Status: RecommendationStatus.Open, Take: 10_000), Ct)).Items)
            .Where(r => r.Category != RecommendationCategory.Performance).ToList();
        Assert.All(report.TopRecommendations, r => Assert.Equal(open.Where(o => o.ResourceId == r.ResourceId).Max(o => o.MonthlySavings), r.MonthlySavings));
        var smallestListed = report.TopRecommendations.Min(r => r.MonthlySavings);
        Assert.All(open.Where(o => report.TopRecommendations.All(r => r.ResourceId != o.ResourceId)), o => Assert.True(o.MonthlySavings <= smallestListed));
        Assert.Equal($"All subscriptions ({screen.Subscriptions.Count})", report.Scope.Subscriptions);
        Assert.Equal("Demo tenant", report.Scope.DataSource);
        Assert.Equal(asOf, report.Scope.DataThrough);
        Assert.Equal("Ann Analyst", report.GeneratedBy);
        Assert.Equal(DemoTenantStore.Now, report.GeneratedAt);
    }

    [Fact]
    public async Task OneSubscription_LastMonth_CountsOnlyThatSubscriptionsCostAndRecommendations()
    {
        var dashboard = store.Host.Get<IDashboardService>();
        var asOf = await dashboard.AsOfAsync(store.Host.Time, Ct);
        var all = await dashboard.GetAsync(new CostFilter(asOf, asOf), Ct);
        var lastMonth = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-1);
        var recommendations = store.Host.Get<IRecommendationService>();
        var everyRecommendation = await recommendations.QueryAsync(new RecommendationQuery(RecommendationKind.Compute, Take: 10_000), Ct);
        // The subscription with the most open compute savings, so the scoped savings are not trivially zero.
        var subscription = all.Subscriptions.OrderByDescending(s => everyRecommendation.Items.Where(r => r.SubscriptionId == s.Id).Sum(r => r.MonthlySavings)).First();
        var request = new SummaryRequest(lastMonth, lastMonth.AddMonths(1).AddDays(-1), subscription.Id);

        var report = await store.Host.Get<SummaryReportBuilder>().BuildAsync(request, "Ann Analyst", Ct);

        var screen = await dashboard.GetAsync(request.Filter, Ct);
        Assert.Equal(screen.RangeTotal, report.Costs.RangeTotal);
        Assert.True(report.Costs.RangeTotal < all.Kpis.PreviousMonthTotal, "one subscription's month is a part of the whole tenant's");
        Assert.Equal(subscription.Name, report.Scope.Subscriptions);
        Assert.Equal(subscription.Id, report.Scope.SubscriptionId);
        Assert.NotEmpty(report.TopRecommendations);
        Assert.All(report.TopRecommendations, r => Assert.Equal(subscription.Id, r.SubscriptionId));
        Assert.All(report.Savings.Plan, s => Assert.Equal(subscription.Id, s.Recommendation.SubscriptionId));
        var whole = await recommendations.SummaryAsync(Ct);
        Assert.InRange(report.Savings.OpenMonthlySavings, 0.01m, whole.OpenMonthlySavings - 0.01m);
    }

    [Fact]
    public async Task UnknownSubscription_IsRefusedInPlainWords()
    {
        var request = new SummaryRequest(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 19), "no-such-subscription");

        var error = await Assert.ThrowsAsync<SummaryRequestException>(() => store.Host.Get<SummaryReportBuilder>().BuildAsync(request, "x", Ct));

        Assert.Contains("no-such-subscription", error.Message);
    }

    [Fact]
    public async Task RangeWithoutCost_HasNoData_AndSaysSo()
    {
        var request = new SummaryRequest(new DateOnly(2019, 1, 1), new DateOnly(2019, 1, 31));

        var report = await store.Host.Get<SummaryReportBuilder>().BuildAsync(request, "x", Ct);

        Assert.False(report.HasData);
        Assert.Equal(0m, report.Costs.RangeTotal);
        Assert.Equal("No cost data", report.Scope.DataSource);
    }
}
