using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CostSense.Tests.Azure.Fake;

/// <summary>
/// Microsoft.Compute as Resource Manager answers it, from the <see cref="FakeTenant"/>'s VMs: the subscription-wide VM list
/// (VirtualMachines_ListAll, paged with nextLink; with <c>statusOnly=true</c> each VM carries its instance view's statuses,
/// "ProvisioningState/succeeded" and "PowerState/…"), and a location's VM sizes.
/// </summary>
public static class FakeCompute
{
    /// <summary>Maps the routes; <paramref name="sizes"/> is the locations' VM sizes list (name → cores, memory in MiB), the same for every location.</summary>
    public static void Map(IEndpointRouteBuilder app, FakeTenant tenant, int pageSize = 2, IReadOnlyDictionary<string, (int Cores, int MemoryMiB)>? sizes = null)
    {
        app.MapGet("/subscriptions/{sub}/providers/Microsoft.Compute/virtualMachines", (HttpContext context, string sub) =>
        {
            var statusOnly = string.Equals(context.Request.Query["statusOnly"], "true", StringComparison.OrdinalIgnoreCase);
            var vms = tenant.Vms.Where(v => v.SubscriptionId.Equals(sub, StringComparison.OrdinalIgnoreCase)).Select(v => Vm(v, statusOnly)).ToList();
            return FakeAzureServer.Page(context, vms, pageSize);
        });
        app.MapGet("/subscriptions/{sub}/providers/Microsoft.Compute/locations/{location}/vmSizes", (HttpContext context, string location) =>
            FakeAzureServer.Json(context, new
            {
                value = (sizes ?? new Dictionary<string, (int, int)>()).Select(s => new
                {
                    name = s.Key,
                    numberOfCores = s.Value.Cores,
                    osDiskSizeInMB = 1047552,
                    resourceDiskSizeInMB = s.Value.Cores * 8192,
                    memoryInMB = s.Value.MemoryMiB,
                    maxDataDiskCount = s.Value.Cores * 2,
                }).ToList(),
            }));
    }

    /// <summary>A VM in ARM's shape (api-version 2022-08-01 and later).</summary>
    private static Dictionary<string, object?> Vm(FakeVm v, bool withInstanceView)
    {
        var properties = new Dictionary<string, object?>
        {
            ["vmId"] = DeterministicGuid(v.Id),
            ["hardwareProfile"] = new { vmSize = v.Size },
            ["storageProfile"] = new
            {
                imageReference = new { publisher = "Canonical", offer = "0001-com-ubuntu-server-jammy", sku = "22_04-lts-gen2", version = "latest" },
                osDisk = new
                {
                    osType = v.OsType,
                    name = $"{v.Name}_OsDisk_1_{DeterministicGuid(v.Id + "/disk"):N}",
                    createOption = "FromImage",
                    caching = "ReadWrite",
                    managedDisk = new
                    {
                        storageAccountType = v.OsDiskSku,
                        id = $"/subscriptions/{v.SubscriptionId}/resourceGroups/{v.ResourceGroup.ToUpperInvariant()}/providers/Microsoft.Compute/disks/{v.Name}_OsDisk_1",
                    },
                    deleteOption = "Delete",
                    diskSizeGB = v.OsDiskGiB,
                },
                dataDisks = Array.Empty<object>(),
            },
            ["osProfile"] = new { computerName = v.Name, adminUsername = "azureuser", secrets = Array.Empty<object>() },
            ["networkProfile"] = new
            {
                networkInterfaces = new[] { new { id = $"/subscriptions/{v.SubscriptionId}/resourceGroups/{v.ResourceGroup}/providers/Microsoft.Network/networkInterfaces/{v.Name}-nic" } },
            },
            ["provisioningState"] = "Succeeded",
            ["timeCreated"] = "2025-03-01T10:00:00.0000000+00:00",
        };
        if (withInstanceView)
            properties["instanceView"] = new
            {
                computerName = v.Name,
                osName = v.OsType == "Windows" ? "Windows Server 2022 Datacenter" : "ubuntu",
                statuses = new object[]
                {
                    new { code = "ProvisioningState/succeeded", level = "Info", displayStatus = "Provisioning succeeded", time = "2025-03-01T10:02:00.0000000+00:00" },
                    new { code = $"PowerState/{v.PowerState}", level = "Info", displayStatus = $"VM {v.PowerState}" },
                },
            };
        var vm = new Dictionary<string, object?>
        {
            ["name"] = v.Name,
            ["id"] = v.Id,
            ["type"] = "Microsoft.Compute/virtualMachines",
            ["location"] = v.Region,
            ["properties"] = properties,
        };
        if (v.Tags is { Count: > 0 }) vm["tags"] = v.Tags;
        if (v.Zones is { Count: > 0 }) vm["zones"] = v.Zones;
        return vm;
    }

    private static Guid DeterministicGuid(string of) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(of)));
}
