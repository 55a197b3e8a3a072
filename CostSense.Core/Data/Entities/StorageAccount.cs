namespace CostSense.Core.Data.Entities;

public enum AccessTier { Hot, Cool, Cold, Archive }

public enum Replication { LRS, ZRS, GRS, RAGRS }

/// <summary>A storage account as the inventory knows it today.</summary>
public sealed class StorageAccount
{
    public required string ResourceId { get; set; }
    public required string Source { get; set; }
    public required string Name { get; set; }
    public required string SubscriptionId { get; set; }
    public required string ResourceGroup { get; set; }
    public required string Region { get; set; }
    public string Kind { get; set; } = "StorageV2";
    public AccessTier AccessTier { get; set; }
    public Replication Replication { get; set; }
    /// <summary>What the account holds (logs, backups, data, static-web, diagnostics), from its tags.</summary>
    public string? Purpose { get; set; }
    public string? Environment { get; set; }
    public double UsedCapacityGiB { get; set; }
    /// <summary>Average read and write transactions per day over the last 30 days.</summary>
    public long ReadTransactionsPerDay { get; set; }
    public long WriteTransactionsPerDay { get; set; }
    /// <summary>Average reads served from the secondary region per day (RA-GRS only).</summary>
    public long SecondaryReadsPerDay { get; set; }
    public DateOnly LastAccessed { get; set; }
    public string? Tags { get; set; }
}
