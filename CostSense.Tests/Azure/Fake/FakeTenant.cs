namespace CostSense.Tests.Azure.Fake;

/// <summary>A VM of the fake tenant: what ARM lists and its instance view says, keyed by its resource id.</summary>
public sealed record FakeVm(string SubscriptionId, string ResourceGroup, string Name, string Size, string Region,
    string OsType = "Linux", string PowerState = "running", IReadOnlyDictionary<string, string>? Tags = null, IReadOnlyList<string>? Zones = null,
    int OsDiskGiB = 128, string OsDiskSku = "Premium_LRS")
{
    /// <summary>As ARM writes it (mixed case); CostSense stores ids lower case.</summary>
    public string Id => $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.Compute/virtualMachines/{Name}";
}

/// <summary>A storage account of the fake tenant, as the generic resources list gives it.</summary>
public sealed record FakeStorageAccount(string SubscriptionId, string ResourceGroup, string Name, string Region,
    string Kind = "StorageV2", string Sku = "Standard_LRS", string AccessTier = "Hot", IReadOnlyDictionary<string, string>? Tags = null)
{
    public string Id => $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.Storage/storageAccounts/{Name}";
}

/// <summary>
/// The fake tenant every area's fake answers from, so the inventory, metrics, costs and Advisor of one test agree on the
/// same resources. Areas add what they need to their own fakes; this holds only what several share.
/// </summary>
public sealed class FakeTenant
{
    public List<FakeSubscription> Subscriptions { get; } = [];
    public List<FakeVm> Vms { get; } = [];
    public List<FakeStorageAccount> StorageAccounts { get; } = [];
}
