using CostSense.Core.Anomalies;
using CostSense.Core.Data.Entities;

namespace CostSense.Web.Components.Pages.Anomalies;

/// <summary>Reads the anomalies a filter asks for and orders them as an analyst works through them.</summary>
public static class AnomalyListing
{
    /// <summary>
    /// The anomalies of the filter: the open ones are the new and the acknowledged, asked for apart so that closed
    /// anomalies never crowd them out of the service's page. New first, then the latest days first, then the largest excess.
    /// </summary>
    public static async Task<IReadOnlyList<AnomalyView>> LoadAsync(IAnomalyService service, AnomalyStatusFilter status, CostScopeKind? scopeKind, CancellationToken ct)
    {
        IReadOnlyList<AnomalyStatus?> statuses = status switch
        {
            AnomalyStatusFilter.Open => [AnomalyStatus.New, AnomalyStatus.Acknowledged],
            AnomalyStatusFilter.New => [AnomalyStatus.New],
            AnomalyStatusFilter.Acknowledged => [AnomalyStatus.Acknowledged],
            AnomalyStatusFilter.Expected => [AnomalyStatus.Expected],
            _ => [null],
        };
        var found = new List<AnomalyView>();
        foreach (var s in statuses)
            found.AddRange(await service.ListAsync(new AnomalyQuery(s, scopeKind), ct));
        return Order(found);
    }

    public static IReadOnlyList<AnomalyView> Order(IEnumerable<AnomalyView> anomalies) => anomalies
        .DistinctBy(a => a.Id)
        .OrderBy(a => a.Status == AnomalyStatus.New ? 0 : 1)
        .ThenByDescending(a => a.To)
        .ThenByDescending(a => a.Excess)
        .ThenByDescending(a => a.Id)
        .ToList();
}
