using CostSense.Core.Data.Entities;

namespace CostSense.Core.Recommendations.Compute;

/// <summary>The az CLI commands that carry out compute recommendations; every one names the subscription explicitly.</summary>
internal static class VmCommands
{
    private static string Target(VirtualMachine vm) =>
        $"--subscription {vm.SubscriptionId} --resource-group {vm.ResourceGroup} --name {vm.Name}";

    public static string Deallocate(VirtualMachine vm) => $"az vm deallocate {Target(vm)}";

    public static string Resize(VirtualMachine vm, string size) => $"az vm resize {Target(vm)} --size {size}";

    /// <summary>
    /// Snapshot the OS disk, mark it to go with the VM, then delete the VM. `az vm delete` alone keeps the disk,
    /// and the disk is the whole saving, hence the deleteOption update.
    /// </summary>
    public static string SnapshotAndDelete(VirtualMachine vm) =>
        $"az snapshot create --subscription {vm.SubscriptionId} --resource-group {vm.ResourceGroup} --name {vm.Name}-final-snapshot "
        + $"--source $(az vm show {Target(vm)} --query storageProfile.osDisk.managedDisk.id --output tsv) "
        + $"&& az vm update {Target(vm)} --set storageProfile.osDisk.deleteOption=Delete "
        + $"&& az vm delete {Target(vm)} --yes";

    /// <summary>
    /// A reservation order must be priced (calculate) before it can be bought (purchase); the calculation
    /// returns the order id the purchase needs.
    /// </summary>
    public static string Reserve(VirtualMachine vm, string size, string term)
    {
        var args = $"--sku {size} --location {vm.Region} --reserved-resource-type VirtualMachines "
            + $"--billing-scope /subscriptions/{vm.SubscriptionId} --term {term} --quantity 1 --applied-scope-type Shared "
            + $"--display-name ri-{vm.Name}-{term.ToLowerInvariant()}";
        return $"az reservations reservation-order purchase --reservation-order-id "
            + $"$(az reservations reservation-order calculate {args} --query properties.reservationOrderId --output tsv) {args}";
    }
}
