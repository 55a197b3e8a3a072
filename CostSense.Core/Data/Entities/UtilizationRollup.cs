namespace CostSense.Core.Data.Entities;

/// <summary>
/// Fleet utilization per day and subscription: sums over the VMs that ran that day, so the dashboard
/// can average over any range and subscription without reading per-VM metrics.
/// </summary>
public sealed class UtilizationRollup
{
    public long Id { get; set; }
    public DateOnly Date { get; set; }
    public required string SubscriptionId { get; set; }
    public int VmCount { get; set; }
    public double CpuAverageSum { get; set; }
    public double CpuP95Sum { get; set; }
    public double MemoryAverageSum { get; set; }
    public double MemoryP95Sum { get; set; }
}
