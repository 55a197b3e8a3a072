using CostSense.Core.Catalog;
using CostSense.Core.Data.Entities;

namespace CostSense.Core.Recommendations.Storage;

/// <summary>
/// Catalogue arithmetic shared by the storage rules. Current cost is the store's (<see cref="StorageUsage.MonthlyCost"/>,
/// the account's whole bill: capacity and operations); the projected cost is that minus the catalogue difference the
/// change makes. So the saving is purely the catalogue difference and both figures stay on the bill's footing. Capacity
/// in GiB is priced per GB, as the demo tenant and most estimates do (the 7% difference is within the noise).
/// </summary>
internal static class StorageMath
{
    /// <summary>Bytes read are not in the inventory: each read transaction is taken to read 1 MiB (said in the rationale).</summary>
    public const double AssumedMiBPerRead = 1;

    public const int DaysPerMonth = 30;

    public static int IdleDays(StorageAccount a, DateOnly today) => today.DayNumber - a.LastAccessed.DayNumber;

    public static decimal Capacity(StorageAccount a, AccessTier tier, Replication replication) =>
        (decimal)a.UsedCapacityGiB * StoragePriceCatalog.CapacityPerGbMonth(tier, replication);

    /// <summary>What the account's current reads and writes would cost more (or less) a month in another tier, retrieval included.</summary>
    public static decimal AccessDelta(StorageAccount a, AccessTier from, AccessTier to)
    {
        var reads = (decimal)a.ReadTransactionsPerDay * DaysPerMonth;
        var writes = (decimal)a.WriteTransactionsPerDay * DaysPerMonth;
        var readGb = reads * (decimal)AssumedMiBPerRead / 1024m;
        return reads / 10_000m * (StoragePriceCatalog.ReadPer10K(to) - StoragePriceCatalog.ReadPer10K(from))
             + writes / 10_000m * (StoragePriceCatalog.WritePer10K(to) - StoragePriceCatalog.WritePer10K(from))
             + readGb * (StoragePriceCatalog.RetrievalPerGb(to) - StoragePriceCatalog.RetrievalPerGb(from));
    }

    /// <summary>The bill's figure, but never below the catalogue's capacity cost (a partial window must not make projections negative).</summary>
    public static decimal Current(StorageUsage u) =>
        Cents(Math.Max(u.MonthlyCost, Capacity(u.Account, u.Account.AccessTier, u.Account.Replication)));

    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static bool Offered(AccessTier tier, Replication replication) => !(tier == AccessTier.Archive && replication == Replication.ZRS);

    public static string Sku(Replication r) => r == Replication.RAGRS ? "Standard_RAGRS" : $"Standard_{r}";

    public static string Name(Replication r) => r == Replication.RAGRS ? "RA-GRS" : r.ToString();
}
