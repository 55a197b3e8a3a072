namespace CostSense.Core.Data.Entities;

/// <summary>One state change of a recommendation: who moved it from what to what, when, and why.</summary>
public sealed class RecommendationEvent
{
    public long Id { get; set; }
    public required string RecommendationId { get; set; }
    public RecommendationStatus From { get; set; }
    public RecommendationStatus To { get; set; }
    public string? Reason { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public DateTimeOffset At { get; set; }
}
