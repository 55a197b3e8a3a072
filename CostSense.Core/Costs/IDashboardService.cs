namespace CostSense.Core.Costs;

public interface IDashboardService
{
    /// <summary>The dashboard for a filter; served from the cache until the data of its months changes.</summary>
    Task<DashboardSnapshot> GetAsync(CostFilter filter, CancellationToken ct);

    /// <summary>The latest day that has cost data, or null when the store is empty.</summary>
    Task<DateOnly?> LatestDataDateAsync(CancellationToken ct);
}
