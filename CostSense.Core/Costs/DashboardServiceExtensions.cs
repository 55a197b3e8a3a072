namespace CostSense.Core.Costs;

/// <summary>Answers built on <see cref="IDashboardService"/>.</summary>
public static class DashboardServiceExtensions
{
    /// <summary>"Today" for cost questions: the latest day with cost data (exports lag a day or two), else the calendar day.</summary>
    public static async Task<DateOnly> AsOfAsync(this IDashboardService dashboard, TimeProvider time, CancellationToken ct) =>
        await dashboard.LatestDataDateAsync(ct) ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
