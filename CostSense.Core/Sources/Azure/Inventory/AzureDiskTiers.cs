namespace CostSense.Core.Sources.Azure.Inventory;

/// <summary>
/// A managed disk's billing tier from its type and size, as the rules and prices name disks ("P10", "E10", "S10"): Azure
/// bills a disk at the smallest tier of its type that holds its size.
/// </summary>
internal static class AzureDiskTiers
{
    private static readonly (int GiB, string Number)[] Tiers =
    [
        (4, "1"), (8, "2"), (16, "3"), (32, "4"), (64, "6"), (128, "10"), (256, "15"), (512, "20"), (1024, "30"),
        (2048, "40"), (4096, "50"), (8192, "60"), (16384, "70"), (32767, "80"),
    ];

    /// <summary>"P10" for a 128 GiB Premium SSD; the storage account type itself ("UltraSSD_LRS") when it has no tiers; null without a type.</summary>
    public static string? Tier(string? storageAccountType, int? sizeGiB)
    {
        if (string.IsNullOrEmpty(storageAccountType)) return null;
        var letter = storageAccountType.StartsWith("Premium_", StringComparison.OrdinalIgnoreCase) && !storageAccountType.StartsWith("PremiumV2", StringComparison.OrdinalIgnoreCase) ? "P"
            : storageAccountType.StartsWith("StandardSSD_", StringComparison.OrdinalIgnoreCase) ? "E"
            : storageAccountType.StartsWith("Standard_", StringComparison.OrdinalIgnoreCase) ? "S"
            : null;
        if (letter is null || sizeGiB is not > 0) return storageAccountType;
        var tier = Tiers.FirstOrDefault(t => t.GiB >= sizeGiB.Value).Number ?? "80";
        // Standard HDD starts at S4 (32 GiB).
        if (letter == "S" && sizeGiB.Value <= 32) tier = "4";
        return letter + tier;
    }
}
