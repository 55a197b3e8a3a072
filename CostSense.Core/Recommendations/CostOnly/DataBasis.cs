namespace CostSense.Core.Recommendations.CostOnly;

/// <summary>
/// What the recommendations are computed from, for the grids to say: how many VMs have CPU and memory metrics and how many
/// are known from imported cost rows only (for which right-size, idle and scale-up cannot run), and how many storage
/// accounts are known from cost rows only.
/// </summary>
public sealed record DataBasis(int Vms, int VmsWithMetrics, int CostOnlyVms, int StorageAccounts, int CostOnlyStorageAccounts)
{
    public static readonly DataBasis Empty = new(0, 0, 0, 0, 0);

    /// <summary>The VMs whose metrics came from Azure Monitor (live Azure's inventory with metrics).</summary>
    public int VmsFromAzureMonitor { get; init; }

    /// <summary>The demo tenant's VMs with its generated metrics.</summary>
    public int VmsFromDemo { get; init; }
}
