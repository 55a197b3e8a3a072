using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Reports;

/// <summary>
/// Fills a <see cref="SummaryReport"/> from the dashboard's and the savings page's services for the request's scope,
/// so that every figure in the document is the one on the screen.
/// </summary>
public sealed class SummaryReportBuilder(IDashboardService dashboard, IRecommendationService recommendations,
    IDbContextFactory<CostSenseDbContext> dbFactory, TimeProvider time)
{
    /// <summary>How many recommendations the summary lists.</summary>
    public const int TopRecommendations = 10;

    /// <exception cref="SummaryRequestException">The subscription or provider is not one the store has cost for.</exception>
    public async Task<SummaryReport> BuildAsync(SummaryRequest request, string generatedBy, CancellationToken ct)
    {
        var costs = await dashboard.GetAsync(request.Filter, ct);
        if (request.ProviderName is { } name && !costs.Providers.Contains(name, StringComparer.Ordinal))
            throw new SummaryRequestException($"There is no provider '{name}' in the cost data" +
                (costs.Providers.Count == 0 ? "." : $"; it holds {string.Join(", ", costs.Providers)}."));
        var subscription = request.SubscriptionId is { } id ? costs.Subscriptions.FirstOrDefault(s => s.Id == id) : null;
        if (request.SubscriptionId is not null && subscription is null)
            throw new SummaryRequestException($"There is no subscription '{request.SubscriptionId}' in the cost data. Use the id the dashboard's subscription filter lists.");

        // Recommendations are about Azure resources: another cloud's view has none, as on the dashboard.
        var savings = await recommendations.SummaryAsync(request.SubscriptionId, ct);
        IReadOnlyList<Data.Entities.Recommendation> top = [];
        if (request.Filter.IncludesAzureInventory)
            top = await recommendations.TopAsync(TopRecommendations, request.SubscriptionId, ct);
        else
            savings = SavingsSummary.None(savings.Currency, savings.HourlyRate);
        var dataThrough = await dashboard.LatestDataDateAsync(ct);
        var source = await DataSourceAsync(request, ct);

        var subscriptions = subscription?.Name ?? $"All subscriptions ({costs.Subscriptions.Count})";
        var scope = new SummaryScope(
            request.ProviderName is { } provider ? $"{provider} · {subscriptions}" : subscriptions,
            subscription?.Id, source, dataThrough, costs.Currency, savings.Currency);
        return new SummaryReport(request, scope, costs, savings, top, time.GetUtcNow(), generatedBy);
    }

    /// <summary>
    /// The kinds of source whose rows fall in the range: each source that ever wrote is looked up on the cost table's
    /// (source, day) index, so this stays cheap however many rows there are.
    /// </summary>
    private async Task<string> DataSourceAsync(SummaryRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await db.ImportBatches.AsNoTracking().Select(b => b.Source).Distinct().ToListAsync(ct);
        var present = new List<string>();
        foreach (var source in candidates)
        {
            var rows = db.CostRecords.Where(r => r.Source == source && r.ChargePeriodStart >= request.From && r.ChargePeriodStart <= request.To);
            if (request.SubscriptionId is { } sub) rows = rows.Where(r => r.SubAccountId == sub);
            if (request.ProviderName is { } provider) rows = rows.Where(r => r.ProviderName == provider);
            if (await rows.AnyAsync(ct)) present.Add(source);
        }
        var kinds = present.Select(SourceKinds.Describe).Distinct().Order(StringComparer.Ordinal).ToList();
        return kinds.Count == 0 ? "No cost data" : string.Join(" and ", kinds);
    }
}
