using CostSense.Core.Data.Entities;

namespace CostSense.Core.Catalog;

/// <summary>
/// Blob storage list prices (USD, East US, block blobs, first capacity band) by access tier and
/// replication, with operation prices and early-deletion periods. Azure publishes no ZRS price for
/// the Archive tier (it is not offered), so that pair has none.
/// </summary>
public static class StoragePriceCatalog
{
    /// <summary>Price per GB per month.</summary>
    public static decimal CapacityPerGbMonth(AccessTier tier, Replication replication) => (tier, replication) switch
    {
        (AccessTier.Hot, Replication.LRS) => 0.0184m,
        (AccessTier.Hot, Replication.ZRS) => 0.023m,
        (AccessTier.Hot, Replication.GRS) => 0.0368m,
        (AccessTier.Hot, Replication.RAGRS) => 0.046m,
        (AccessTier.Cool, Replication.LRS) => 0.01m,
        (AccessTier.Cool, Replication.ZRS) => 0.0125m,
        (AccessTier.Cool, Replication.GRS) => 0.02m,
        (AccessTier.Cool, Replication.RAGRS) => 0.025m,
        (AccessTier.Cold, Replication.LRS) => 0.0036m,
        (AccessTier.Cold, Replication.ZRS) => 0.0045m,
        (AccessTier.Cold, Replication.GRS) => 0.0072m,
        (AccessTier.Cold, Replication.RAGRS) => 0.009m,
        (AccessTier.Archive, Replication.LRS) => 0.00099m,
        (AccessTier.Archive, Replication.GRS) => 0.00198m,
        (AccessTier.Archive, Replication.RAGRS) => 0.00248m,
        _ => throw new ArgumentOutOfRangeException(nameof(replication), $"Azure offers no {replication} for the {tier} tier."),
    };

    /// <summary>Price per 10,000 write operations.</summary>
    public static decimal WritePer10K(AccessTier tier) => tier switch
    {
        AccessTier.Hot => 0.05m, AccessTier.Cool => 0.10m, AccessTier.Cold => 0.18m, _ => 0.10m,
    };

    /// <summary>Price per 10,000 read operations (Archive: high-priority rehydration is dearer still).</summary>
    public static decimal ReadPer10K(AccessTier tier) => tier switch
    {
        AccessTier.Hot => 0.004m, AccessTier.Cool => 0.01m, AccessTier.Cold => 0.10m, _ => 5.00m,
    };

    /// <summary>Data retrieval per GB read.</summary>
    public static decimal RetrievalPerGb(AccessTier tier) => tier switch
    {
        AccessTier.Hot => 0m, AccessTier.Cool => 0.01m, AccessTier.Cold => 0.03m, _ => 0.02m,
    };

    /// <summary>Days a blob must stay in a tier before it can leave without an early-deletion charge.</summary>
    public static int EarlyDeletionDays(AccessTier tier) => tier switch
    {
        AccessTier.Cool => 30, AccessTier.Cold => 90, AccessTier.Archive => 180, _ => 0,
    };

    /// <summary>Managed disk prices per month (Premium SSD P-series, Standard SSD E-series).</summary>
    public static decimal DiskPerMonth(string sku) => sku switch
    {
        "P6" => 9.86m, "P10" => 19.71m, "P15" => 38.01m, "P20" => 73.22m, "P30" => 135.17m,
        "E6" => 4.80m, "E10" => 9.60m, "E15" => 19.20m, "E20" => 38.40m,
        _ => throw new ArgumentOutOfRangeException(nameof(sku), $"No price for disk SKU {sku}."),
    };

    /// <summary>The disk's monthly price, or null for a SKU the catalogue does not hold (an imported VM's, say).</summary>
    public static decimal? TryDiskPerMonth(string? sku) => sku is "P6" or "P10" or "P15" or "P20" or "P30" or "E6" or "E10" or "E15" or "E20"
        ? DiskPerMonth(sku) : null;

    public static int DiskSizeGiB(string sku) => sku switch
    {
        "P6" or "E6" => 64, "P10" or "E10" => 128, "P15" or "E15" => 256, "P20" or "E20" => 512, "P30" => 1024,
        _ => throw new ArgumentOutOfRangeException(nameof(sku), $"No size for disk SKU {sku}."),
    };
}
