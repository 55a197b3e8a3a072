namespace CostSense.Core.Sources.Azure;

/// <summary>The store sources live Azure data is written under.</summary>
public static class AzureSources
{
    /// <summary>The prefix of every Azure source (<see cref="Reports.SourceKinds"/> reads it).</summary>
    public const string Prefix = Data.Entities.KnownSources.AzurePrefix;

    /// <summary>The inventory (VMs, storage accounts) and its metrics, across every subscription in scope.</summary>
    public const string Inventory = "azure:inventory";

    /// <summary>The cost rows of one subscription, from the Cost Management Query API.</summary>
    public static string Costs(string subscriptionId) => $"{Prefix}{subscriptionId.ToLowerInvariant()}";
}
