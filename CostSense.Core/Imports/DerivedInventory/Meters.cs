using System.Globalization;
using System.Text.RegularExpressions;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations.CostOnly;

namespace CostSense.Core.Imports.DerivedInventory;

/// <summary>
/// What Azure's meter names say about a resource: a VM's size ("D2s v3", "D2 v3/D2s v3", "DS4 v2 Spot", "D2s v3 Low Priority"),
/// a managed disk's tier ("P10 LRS Disk"), a storage account's tier and replication ("Hot GRS Data Stored", and in files
/// without the meter column the charge description "Tiered Block Blob - Hot LRS - Data Stored - US West"), and whether a
/// row counts read or write transactions.
/// </summary>
internal static partial class Meters
{
    /// <summary>The ARM size a compute meter bills, or null (<see cref="CostDerived.VmSize"/>).</summary>
    public static string? VmSize(string? meter) => CostDerived.VmSize(meter);

    /// <summary>A managed disk's tier from its capacity meter ("P10 LRS Disk" → "P10 LRS"), or null for other disk meters.</summary>
    public static string? DiskTier(string? meter) =>
        meter is not null && DiskShape().Match(meter) is { Success: true } m ? $"{m.Groups[1].Value.ToUpperInvariant()} {m.Groups[2].Value.ToUpperInvariant()}" : null;

    /// <summary>The provisioned size of a managed disk tier (P, E and S tiers share sizes), Azure's table; 0 when unknown.</summary>
    public static int DiskSizeGiB(string tier)
    {
        var digits = new string(tier.Skip(1).TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n switch
        {
            1 => 4, 2 => 8, 3 => 16, 4 => 32, 6 => 64, 10 => 128, 15 => 256, 20 => 512, 30 => 1024, 40 => 2048, 50 => 4096,
            60 => 8192, 70 => 16384, 80 => 32767, _ => 0,
        } : 0;
    }

    /// <summary>A "Data Stored" meter's tier and replication, or null (GZRS and RA-GZRS have no place in the inventory's model).</summary>
    public static (AccessTier Tier, Replication Replication)? DataStored(string? meter)
    {
        if (meter is null || !meter.Contains("Data Stored", StringComparison.OrdinalIgnoreCase)) return null;
        var m = StorageShape().Match(meter);
        if (!m.Success) return null;
        var tier = m.Groups[1].Success ? Enum.Parse<AccessTier>(m.Groups[1].Value, ignoreCase: true) : AccessTier.Hot;
        Replication? replication = m.Groups[2].Value.ToUpperInvariant() switch
        {
            "LRS" => Replication.LRS, "ZRS" => Replication.ZRS, "GRS" => Replication.GRS, "RA-GRS" => Replication.RAGRS, _ => null,
        };
        return replication is { } r ? (tier, r) : null;
    }

    /// <summary>Read transactions: "Read Operations" (and the Class 2 "All Other Operations", reads and properties).</summary>
    public static bool IsRead(string? meter) => meter is not null
        && (meter.Contains("Read Operations", StringComparison.OrdinalIgnoreCase) || meter.Contains("All Other Operations", StringComparison.OrdinalIgnoreCase)
            || meter.Contains("Class 2 Operations", StringComparison.OrdinalIgnoreCase));

    /// <summary>Write transactions: "Write Operations", "List and Create Container Operations" (Class 1).</summary>
    public static bool IsWrite(string? meter) => meter is not null
        && (meter.Contains("Write Operations", StringComparison.OrdinalIgnoreCase) || meter.Contains("List and Create", StringComparison.OrdinalIgnoreCase)
            || meter.Contains("Class 1 Operations", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Transactions a row counts: operations meters are sold in blocks of 10,000 and their quantity is in those blocks
    /// (unit "10K" in EA/MCA files, "Units" or "10K" in FOCUS exports).
    /// </summary>
    public static decimal Transactions(decimal? quantity, string? unit) =>
        (quantity ?? 0m) * (unit is not null && (unit.Contains("10K", StringComparison.OrdinalIgnoreCase) || unit.Equals("Units", StringComparison.OrdinalIgnoreCase)) ? 10_000m : 1m);

    [GeneratedRegex(@"\b([PES]\d{1,2})\s+(LRS|ZRS)\s+Disk\b", RegexOptions.IgnoreCase)]
    private static partial Regex DiskShape();

    [GeneratedRegex(@"\b(?:(Hot|Cool|Cold|Archive)\s+)?(RA-GZRS|GZRS|RA-GRS|GRS|ZRS|LRS)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StorageShape();
}
