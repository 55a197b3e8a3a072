namespace CostSense.Core.Data.Entities;

public enum PowerState { Running, Stopped, Deallocated }

/// <summary>A VM as the inventory knows it today.</summary>
public sealed class VirtualMachine
{
    public required string ResourceId { get; set; }
    public required string Source { get; set; }
    public required string Name { get; set; }
    public required string SubscriptionId { get; set; }
    public required string ResourceGroup { get; set; }
    public required string Region { get; set; }
    public required string Size { get; set; }
    public int VCpus { get; set; }
    public double MemoryGiB { get; set; }
    public required string OsType { get; set; }
    public PowerState PowerState { get; set; }
    /// <summary>When the VM entered its current power state (for "deallocated for more than 30 days").</summary>
    public DateOnly PowerStateSince { get; set; }
    public string? Workload { get; set; }
    public string? Environment { get; set; }
    public int DiskSizeGiB { get; set; }
    public string? DiskSku { get; set; }
    public string? Tags { get; set; }
    /// <summary>The availability zones the VM is pinned to, comma-separated ("1", "1,2"); null when regional (live Azure only).</summary>
    public string? Zones { get; set; }
}
