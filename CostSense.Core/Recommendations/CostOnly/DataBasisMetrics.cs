namespace CostSense.Core.Recommendations.CostOnly;

/// <summary>Where a VM's CPU and memory metrics came from, as the grids say it.</summary>
public enum MetricsSource
{
    /// <summary>No metrics in the store: the VM is known from cost rows only, or its source carries none.</summary>
    None,
    /// <summary>Live Azure's inventory with Azure Monitor's metrics.</summary>
    AzureMonitor,
    /// <summary>The generated demo tenant's metrics.</summary>
    Demo,
}
