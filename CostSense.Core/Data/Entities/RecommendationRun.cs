namespace CostSense.Core.Data.Entities;

/// <summary>
/// The last computation: the data it saw (a stamp of the inventory's and the window's versions, the as-of day,
/// today and the lookback). Reads recompute when the stamp no longer matches, so new data means new figures.
/// </summary>
public sealed class RecommendationRun
{
    public int Id { get; set; } = 1;
    public required string Stamp { get; set; }
    public DateOnly AsOf { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    public int Active { get; set; }
}
