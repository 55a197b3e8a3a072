using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations.Advisor;

namespace CostSense.Core.Recommendations;

/// <summary>Reads and changes recommendations. Reads need a signed-in user; changes need ActOnRecommendations.</summary>
public interface IRecommendationService
{
    Task<RecommendationPage> QueryAsync(RecommendationQuery query, CancellationToken ct);

    /// <summary>
    /// Advisor's cost recommendations on resources CostSense has no active recommendation for, on the grid of the query's
    /// kind (storage accounts on storage's, the rest on compute's), searched and paged as the query says.
    /// </summary>
    Task<AdvisorOnlyPage> AdvisorOnlyAsync(RecommendationQuery query, CancellationToken ct);

    Task<Recommendation?> GetAsync(string id, CancellationToken ct);

    /// <summary>The state changes of one recommendation, newest first.</summary>
    Task<IReadOnlyList<RecommendationEvent>> HistoryAsync(string id, CancellationToken ct);

    /// <summary>The VM's daily utilization over the lookback window (empty for storage).</summary>
    Task<IReadOnlyList<UtilizationPoint>> UtilizationAsync(string resourceId, CancellationToken ct);

    /// <summary>Exactly the rows the query filters (all pages), as CSV.</summary>
    Task WriteCsvAsync(RecommendationQuery query, TextWriter writer, CancellationToken ct);

    /// <summary>The savings of every subscription.</summary>
    Task<SavingsSummary> SummaryAsync(CancellationToken ct) => SummaryAsync(null, ct);

    /// <summary>The savings of one subscription's recommendations, or of all when <paramref name="subscriptionId"/> is null.</summary>
    Task<SavingsSummary> SummaryAsync(string? subscriptionId, CancellationToken ct);

    /// <summary>The open recommendations with the largest monthly savings, one per resource (the dashboard's top five).</summary>
    Task<IReadOnlyList<Recommendation>> TopAsync(int count, CancellationToken ct) => TopAsync(count, null, ct);

    /// <summary>The top <paramref name="count"/> of one subscription, or of all when <paramref name="subscriptionId"/> is null.</summary>
    Task<IReadOnlyList<Recommendation>> TopAsync(int count, string? subscriptionId, CancellationToken ct);

    /// <summary>Applies the change to each id; returns how many changed. Records who, when and why.</summary>
    /// <exception cref="AccessDeniedException">The actor may not act on recommendations.</exception>
    Task<int> ChangeStatusAsync(Actor actor, IReadOnlyCollection<string> ids, StatusChange change, CancellationToken ct);

    /// <summary>Runs the rules over the store and saves the result, keeping each recommendation's state.</summary>
    Task<RecomputeResult> RecomputeAsync(CancellationToken ct);
}
