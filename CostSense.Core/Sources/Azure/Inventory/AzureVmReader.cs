using Azure.Core;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Azure.ResourceManager.Resources;
using CostSense.Core.Catalog;
using CostSense.Core.Data.Entities;

namespace CostSense.Core.Sources.Azure.Inventory;

/// <summary>A VM as Azure lists it, before the store's rules for power states and their dates are applied.</summary>
/// <param name="PowerState">The power state its instance view gives, or null when it gives none the store knows.</param>
/// <param name="PowerStateTime">When Azure says the VM entered its power state, when it says so.</param>
internal sealed record AzureVm(VirtualMachine Vm, PowerState? PowerState, DateTimeOffset? PowerStateTime);

/// <summary>
/// Reads a subscription's VMs with Azure.ResourceManager.Compute 1.2.0: the subscription-wide list (VirtualMachines_ListAll,
/// every page) for the model (size, OS, tags, zones, disks), and the same list with <c>statusOnly=true</c> for the instance
/// views' statuses (power state): two paged calls per subscription instead of one instance-view call per VM. Cores and
/// memory come from <see cref="VmSizeCatalog"/>, else from the location's VM sizes list (read once per region).
/// </summary>
internal sealed class AzureVmReader(AzureConnection connection, VmSizeCatalog catalog)
{
    public async Task<IReadOnlyList<AzureVm>> ReadAsync(AzureSubscription subscription, CancellationToken ct)
    {
        var sub = connection.Arm.GetSubscriptionResource(SubscriptionResource.CreateResourceIdentifier(subscription.Id));
        var statuses = new Dictionary<string, IReadOnlyList<InstanceViewStatus>>(StringComparer.OrdinalIgnoreCase);
        await foreach (var vm in sub.GetVirtualMachinesAsync(statusOnly: "true", cancellationToken: ct))
            statuses[vm.Id.ToString()] = vm.Data.InstanceView?.Statuses?.ToList() ?? [];
        var sizes = new Dictionary<string, IReadOnlyDictionary<string, VirtualMachineSize>>(StringComparer.OrdinalIgnoreCase);
        var result = new List<AzureVm>();
        await foreach (var vm in sub.GetVirtualMachinesAsync(cancellationToken: ct))
        {
            var data = vm.Data;
            var region = data.Location.Name.ToLowerInvariant();
            var size = data.HardwareProfile?.VmSize?.ToString() ?? "unknown";
            var (cores, memory) = catalog.Find(size, region) is { } known
                ? (known.VCpus, known.MemoryGiB)
                : await FromLocationAsync(sub, region, size, sizes, ct);
            var power = statuses.GetValueOrDefault(vm.Id.ToString(), [])
                .FirstOrDefault(s => s.Code?.StartsWith("PowerState/", StringComparison.OrdinalIgnoreCase) == true);
            var osDisk = data.StorageProfile?.OSDisk;
            var disks = new List<(int? Size, string? Type)> { (osDisk?.DiskSizeGB, osDisk?.ManagedDisk?.StorageAccountType?.ToString()) };
            disks.AddRange(data.StorageProfile?.DataDisks?.Select(d => (d.DiskSizeGB, d.ManagedDisk?.StorageAccountType?.ToString())) ?? []);
            var tiers = disks.Select(d => AzureDiskTiers.Tier(d.Type, d.Size)).OfType<string>().Order(StringComparer.Ordinal).ToList();
            var tags = data.Tags;
            var resourceGroup = vm.Id.ResourceGroupName ?? "";
            result.Add(new AzureVm(new VirtualMachine
            {
                ResourceId = vm.Id.ToString().ToLowerInvariant(),
                Source = AzureSources.Inventory,
                Name = data.Name,
                SubscriptionId = subscription.Id,
                ResourceGroup = resourceGroup,
                Region = region,
                Size = size,
                VCpus = cores,
                MemoryGiB = memory,
                OsType = osDisk?.OSType?.ToString() ?? "unknown",
                Workload = AzureTags.Workload(tags),
                Environment = AzureTags.Environment(tags, resourceGroup),
                DiskSizeGiB = disks.Sum(d => d.Size ?? 0),
                DiskSku = tiers.Count == 0 ? null : string.Join(" + ", tiers),
                Tags = AzureTags.Json(tags),
                Zones = data.Zones is { Count: > 0 } zones ? string.Join(",", zones.Order(StringComparer.Ordinal)) : null,
            }, PowerStateOf(power?.Code), power?.Time));
        }
        return result;
    }

    /// <summary>
    /// "PowerState/running" (or starting) → Running, "PowerState/stopped" (stopping) → Stopped, "PowerState/deallocated"
    /// (deallocating) → Deallocated; null for anything else (unknown), which the caller leaves as it was.
    /// </summary>
    public static PowerState? PowerStateOf(string? code) => code?.ToLowerInvariant() switch
    {
        "powerstate/running" or "powerstate/starting" => PowerState.Running,
        "powerstate/stopped" or "powerstate/stopping" => PowerState.Stopped,
        "powerstate/deallocated" or "powerstate/deallocating" => PowerState.Deallocated,
        _ => null,
    };

    private static async Task<(int Cores, double MemoryGiB)> FromLocationAsync(SubscriptionResource sub, string region, string size,
        Dictionary<string, IReadOnlyDictionary<string, VirtualMachineSize>> cache, CancellationToken ct)
    {
        if (!cache.TryGetValue(region, out var list))
        {
            var read = new Dictionary<string, VirtualMachineSize>(StringComparer.OrdinalIgnoreCase);
            await foreach (var s in sub.GetVirtualMachineSizesAsync(new AzureLocation(region), ct))
                if (s.Name is { } name) read[name] = s;
            cache[region] = list = read;
        }
        return list.TryGetValue(size, out var found) ? (found.NumberOfCores ?? 0, (found.MemoryInMB ?? 0) / 1024.0) : (0, 0);
    }
}
