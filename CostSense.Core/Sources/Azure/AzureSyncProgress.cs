using CostSense.Core.Data.Entities;

namespace CostSense.Core.Sources.Azure;

/// <summary>The sync running on this instance, as the Data page shows it while it runs: each step's status and latest line.</summary>
public sealed record AzureSyncProgress(long RunId, DateTimeOffset StartedAt, string TriggeredBy, IReadOnlyList<AzureStepProgress> Steps)
{
    /// <summary>The subscriptions being read, once the scope is known.</summary>
    public IReadOnlyList<AzureSubscription> Subscriptions { get; init; } = [];
}

/// <summary>One step as it stands: status, items written, the latest progress line or the failure.</summary>
public sealed record AzureStepProgress(AzureSyncStep Step, AzureSyncStatus Status, int Items = 0, string? Line = null, DateTimeOffset? RetryAt = null);
