using System.Text.RegularExpressions;

namespace CostSense.Core.Recommendations.CostOnly;

/// <summary>
/// What the inventory built from imported cost rows (no live Azure, no metrics) and the usage reader agree on: the
/// inventory source it is written under, which resource ids are VMs, disks and storage accounts, and which disk belongs to
/// which VM. One place, so the inventory and the rules never read the same rows two ways.
/// </summary>
public static partial class CostDerived
{
    /// <summary>The inventory source of VMs and storage accounts derived from imported cost rows.</summary>
    public const string InventorySource = "import";

    // Azure resource ids, as exports write them (FOCUS exports lowercase them; EA files keep the portal's case).
    public const string VmMarker = "/providers/microsoft.compute/virtualmachines/";
    public const string DiskMarker = "/providers/microsoft.compute/disks/";
    public const string StorageMarker = "/providers/microsoft.storage/storageaccounts/";

    public static bool IsVm(string? resourceId) => Is(resourceId, VmMarker);

    public static bool IsDisk(string? resourceId) => Is(resourceId, DiskMarker);

    public static bool IsStorageAccount(string? resourceId) => Is(resourceId, StorageMarker);

    /// <summary>The last segment of a resource id: the resource's name.</summary>
    public static string NameOf(string resourceId) => resourceId.TrimEnd('/')[(resourceId.TrimEnd('/').LastIndexOf('/') + 1)..];

    /// <summary>The subscription of a resource id, or "" when it has none.</summary>
    public static string SubscriptionOf(string resourceId)
    {
        var parts = resourceId.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var i = Array.FindIndex(parts, p => p.Equals("subscriptions", StringComparison.OrdinalIgnoreCase));
        return i >= 0 && i + 1 < parts.Length ? parts[i + 1] : "";
    }

    /// <summary>
    /// Whether a managed disk is the VM's. Cost rows do not link a disk to its VM; Azure names the disks it creates with a
    /// VM after it ("vm1_OsDisk_1_&lt;guid&gt;", "vm1_DataDisk_0", and "vm1-osdisk" by common templates), so a disk in the
    /// same subscription whose name starts with the VM's name and "_" or "-" is taken to be its. A disk named otherwise is
    /// not attached to any VM here.
    /// </summary>
    public static bool IsDiskOf(string diskId, string vmId)
    {
        var (disk, vm) = (NameOf(diskId), NameOf(vmId));
        return disk.Length > vm.Length + 1 && disk.StartsWith(vm, StringComparison.OrdinalIgnoreCase) && disk[vm.Length] is '_' or '-'
            && SubscriptionOf(diskId).Equals(SubscriptionOf(vmId), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Every (subscription, VM name) a disk could belong to under <see cref="IsDiskOf"/>: its name up to each '_' or '-',
    /// lower-cased. Index disks by these and look a VM up by <see cref="OwnerKey"/>, instead of testing every disk per VM.
    /// </summary>
    public static IEnumerable<(string Subscription, string Owner)> PossibleOwners(string diskId)
    {
        var name = NameOf(diskId).ToLowerInvariant();
        var subscription = SubscriptionOf(diskId).ToLowerInvariant();
        for (var i = 1; i <= name.Length - 2; i++)
            if (name[i] is '_' or '-') yield return (subscription, name[..i]);
    }

    /// <summary>The key a VM's disks are indexed under (<see cref="PossibleOwners"/>).</summary>
    public static (string Subscription, string Owner) OwnerKey(string vmId) =>
        (SubscriptionOf(vmId).ToLowerInvariant(), NameOf(vmId).ToLowerInvariant());

    /// <summary>A row of compute time: its unit is hours ("1 Hour", "Hours", "Hrs").</summary>
    public static bool IsHours(string? unit) => unit is not null && unit.Contains("hour", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Pay-as-you-go: what a reservation would replace. "Committed" hours are already covered by one and "Dynamic" are spot
    /// (or low priority), which no reservation applies to.
    /// </summary>
    public static bool IsPayAsYouGo(string? pricingCategory) =>
        string.IsNullOrEmpty(pricingCategory) || pricingCategory.Equals("Standard", StringComparison.OrdinalIgnoreCase)
        || pricingCategory.Equals("On Demand", StringComparison.OrdinalIgnoreCase) || pricingCategory.Equals("OnDemand", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The ARM size a compute meter bills ("D2s v3" → "Standard_D2s_v3"), or null for a meter that is not a VM size (a
    /// license, an IP address). A meter shared by two sizes ("D2 v3/D2s v3") is named after the last (the premium-storage
    /// "s" variant, same price); "Spot" and "Low Priority" are pricing, not size. A charge description
    /// ("Virtual Machines Dv3/DSv3 Series - D2 v3/D2s v3 - US East"), what files without a meter column give, is read part by part.
    /// </summary>
    public static string? VmSize(string? meter)
    {
        if (string.IsNullOrWhiteSpace(meter)) return null;
        foreach (var part in meter.Split(" - ").Prepend(meter))
        {
            var name = SpotSuffix().Replace(part.Split('/')[^1].Trim(), "").Trim();
            if (SizeShape().IsMatch(name)) return "Standard_" + name.Replace(' ', '_');
        }
        return null;
    }

    /// <summary>A compute row: hours of a meter that names a VM size.</summary>
    public static bool IsCompute(string? meter, string? unit) => IsHours(unit) && VmSize(meter) is not null;

    private static bool Is(string? resourceId, string marker) =>
        resourceId is not null && resourceId.Contains(marker, StringComparison.OrdinalIgnoreCase)
        && resourceId.IndexOf(marker, StringComparison.OrdinalIgnoreCase) + marker.Length < resourceId.Length
        && !resourceId[(resourceId.IndexOf(marker, StringComparison.OrdinalIgnoreCase) + marker.Length)..].Contains('/');

    [GeneratedRegex(@"\s+(Spot|Low Priority)$", RegexOptions.IgnoreCase)]
    private static partial Regex SpotSuffix();

    // "D2s v3", "B1s", "E4as v5", "F2", "DS3 v2", "M128ms", "NC6s v3", "L4s".
    [GeneratedRegex(@"^[A-Z]{1,3}\d{1,3}[a-z\-]*( v\d)?$")]
    private static partial Regex SizeShape();
}
