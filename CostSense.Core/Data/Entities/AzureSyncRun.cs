namespace CostSense.Core.Data.Entities;

/// <summary>The parts of a sync with Azure, in the order they run.</summary>
public enum AzureSyncStep { Inventory, Metrics, Costs, Prices, Advisor }

public enum AzureSyncStatus { Pending, Running, Succeeded, Failed, Skipped }

/// <summary>One sync with Azure (scheduled or Sync now): who started it, on which instance, and how it ended.</summary>
public sealed class AzureSyncRun
{
    public long Id { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The user who pressed Sync now, or "schedule".</summary>
    public required string TriggeredBy { get; set; }

    /// <summary>The machine the sync ran on (several web instances share one store).</summary>
    public string? Instance { get; set; }

    public AzureSyncStatus Status { get; set; }

    /// <summary>Why the whole run failed (the scope could not be read), or a one-line result.</summary>
    public string? Message { get; set; }

    public List<AzureSyncStepRun> Steps { get; set; } = [];
}

/// <summary>One step of a sync: its status, what it wrote, or why it failed in words an analyst can act on.</summary>
public sealed class AzureSyncStepRun
{
    public long Id { get; set; }
    public long AzureSyncRunId { get; set; }
    public AzureSyncStep Step { get; set; }
    public AzureSyncStatus Status { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>How many items the step wrote (VMs and accounts, metric days, cost rows, prices, Advisor recommendations).</summary>
    public int Items { get; set; }

    public string? Message { get; set; }

    /// <summary>When Azure throttled the step: the earliest time it may ask again.</summary>
    public DateTimeOffset? RetryAt { get; set; }
}
