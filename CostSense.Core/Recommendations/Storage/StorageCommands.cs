using CostSense.Core.Data.Entities;

namespace CostSense.Core.Recommendations.Storage;

/// <summary>The az CLI commands that carry out storage recommendations.</summary>
internal static class StorageCommands
{
    private static string Target(StorageAccount a) => $"--subscription {a.SubscriptionId} --resource-group {a.ResourceGroup}";

    /// <summary>Only Hot and Cool are account defaults everywhere; blobs that inherit the default move with it.</summary>
    public static string SetDefaultTier(StorageAccount a, AccessTier tier) =>
        $"az storage account update {Target(a)} --name {a.Name} --access-tier {tier}";

    /// <summary>
    /// A lifecycle policy inline (no policy file to lose): each (tier, days) moves block blobs not modified for that many days.
    /// `create` replaces any existing policy on the account.
    /// </summary>
    public static string Lifecycle(StorageAccount a, string ruleName, params (AccessTier Tier, int Days)[] moves)
    {
        var actions = string.Join(",", moves.Select(m => $"\"tierTo{m.Tier}\":{{\"daysAfterModificationGreaterThan\":{m.Days}}}"));
        var policy = $"{{\"rules\":[{{\"enabled\":true,\"name\":\"{ruleName}\",\"type\":\"Lifecycle\",\"definition\":"
            + $"{{\"actions\":{{\"baseBlob\":{{{actions}}}}},\"filters\":{{\"blobTypes\":[\"blockBlob\"]}}}}}}]}}";
        return $"az storage account management-policy create {Target(a)} --account-name {a.Name} --policy '{policy}'";
    }

    /// <summary>LRS, GRS and RA-GRS switch with an update; leaving ZRS is a conversion (a migration request).</summary>
    public static string SetReplication(StorageAccount a, Replication to) => a.Replication == Replication.ZRS
        ? $"az storage account migration start {Target(a)} --account-name {a.Name} --sku {StorageMath.Sku(to)} --no-wait"
        : $"az storage account update {Target(a)} --name {a.Name} --sku {StorageMath.Sku(to)}";
}
