namespace CostSense.Core.Data.Entities;

/// <summary>One VM's utilization over one day, aggregated from its minute metrics.</summary>
public sealed class DailyMetric
{
    public long Id { get; set; }
    public required string ResourceId { get; set; }
    public DateOnly Date { get; set; }
    public double HoursRunning { get; set; }
    public double CpuAverage { get; set; }
    public double CpuMax { get; set; }
    public double CpuP95 { get; set; }
    public double MemoryAverage { get; set; }
    public double MemoryMax { get; set; }
    public double MemoryP95 { get; set; }
    public double NetworkMiB { get; set; }
}
