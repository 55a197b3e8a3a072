namespace CostSense.Core.Data.Entities;

/// <summary>
/// Who may run a piece of background work now, across every instance over the store: one row per job, claimed with one
/// conditional UPDATE (free when <see cref="Until"/> has passed), held while the work runs and released after. A
/// scheduled job also keeps its rhythm here: <see cref="StartedAt"/> is when a run last began on any instance.
/// </summary>
public sealed class JobLease
{
    /// <summary>The job's name ("alert-check", "azure-sync" …), the key.</summary>
    public required string Name { get; set; }

    /// <summary>The instance that holds the lease, or held it last (kept after release, for the operator).</summary>
    public required string Holder { get; set; }

    /// <summary>Held until then; a holder renews it while it runs, so a crashed instance's lease runs out by itself.</summary>
    public DateTimeOffset Until { get; set; }

    /// <summary>When the last claim began a run; a scheduled job is due again an interval after it.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>How many times the lease was claimed: runs of the job across all instances.</summary>
    public long Runs { get; set; }
}
