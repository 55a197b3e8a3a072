using CostSense.Core.Recommendations.CostOnly;

namespace CostSense.Core.Imports.DerivedInventory;

/// <summary>
/// The window's managed disks by the VMs they could belong to (<see cref="CostDerived.PossibleOwners"/>): under each
/// (subscription, owner name) key only the tiers, which is all a VM's disk summary reads. A key matches a VM exactly when
/// <see cref="CostDerived.IsDiskOf"/> would, so no id is kept; the few distinct subscriptions and tiers are kept once.
/// Held for the whole rebuild, it is the one part of the inventory that grows with the tenant: tens of bytes a disk.
/// </summary>
internal sealed class DiskTiers
{
    private readonly Dictionary<(string Subscription, string Owner), List<string>> _byOwner = [];
    private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);

    public void Add(string diskId, string tier)
    {
        tier = Shared(tier);
        foreach (var (subscription, owner) in CostDerived.PossibleOwners(diskId))
        {
            var key = (Shared(subscription), owner);
            if (!_byOwner.TryGetValue(key, out var tiers)) _byOwner[key] = tiers = [];
            tiers.Add(tier);
        }
    }

    /// <summary>The tiers of the VM's disks, one per disk.</summary>
    public IReadOnlyList<string> Of(string vmId) => _byOwner.GetValueOrDefault(CostDerived.OwnerKey(vmId)) ?? [];

    private string Shared(string value) => _shared.TryGetValue(value, out var kept) ? kept : _shared[value] = value;
}
