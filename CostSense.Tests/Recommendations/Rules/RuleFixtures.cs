using CostSense.Core.Catalog;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using Microsoft.Extensions.Time.Testing;

namespace CostSense.Tests.Recommendations.Rules;

/// <summary>Hand-built inputs for the rules: a quiet, fully covered, non-production VM and storage account to vary with `with`.</summary>
internal static class RuleFixtures
{
    public static readonly DateOnly Today = new(2026, 11, 26);
    public static readonly VmSizeCatalog Catalog = VmSizeCatalog.LoadEmbedded();
    public static readonly RecommendationOptions Options = new();

    public static FakeTimeProvider Time() => new(new DateTimeOffset(Today.ToDateTime(new TimeOnly(13, 0)), TimeSpan.Zero));

    public static VirtualMachine Vm(string size = "Standard_D4s_v3", PowerState state = PowerState.Running, string? workload = "worker",
        string environment = "dev", DateOnly? since = null, string region = "eastus")
    {
        var s = Catalog.Get(size, region);
        return new VirtualMachine
        {
            ResourceId = $"/subscriptions/sub-1/resourceGroups/rg-test/providers/Microsoft.Compute/virtualMachines/vm-{workload}-1",
            Source = "test", Name = $"vm-{workload}-1", SubscriptionId = "sub-1", ResourceGroup = "rg-test", Region = region,
            Size = s.Name, VCpus = s.VCpus, MemoryGiB = s.MemoryGiB, OsType = "Linux", PowerState = state,
            PowerStateSince = since ?? Today.AddDays(-400), Workload = workload, Environment = environment,
            DiskSku = "P10", DiskSizeGiB = 128,
        };
    }

    /// <summary>A D4s_v3 running all month at moderate load: no rule but commitments should fire on it.</summary>
    public static VmUsage Usage(VirtualMachine? vm = null, double? cpuP95 = 45, double? cpuAverage = 30, double? memoryP95 = 50,
        double? memoryMax = null, double? network = 5_000, int days = 30, double runningShare = 1.0, decimal? compute = null, decimal disk = 19.71m)
    {
        vm ??= Vm();
        return new VmUsage(vm, 30, days, cpuP95, cpuAverage, cpuP95 is null ? null : cpuP95 * 1.2, memoryP95, memoryMax, network,
            runningShare, compute ?? Catalog.Get(vm.Size, vm.Region).MonthlyPrice * (decimal)runningShare, disk);
    }

    public static StorageAccount AccountWith(AccessTier tier = AccessTier.Hot, Replication replication = Replication.LRS, string purpose = "backups",
        string environment = "prod", double gib = 1_000, long reads = 100, long writes = 100, long secondaryReads = 0, int idleDays = 0) => new()
    {
        ResourceId = $"/subscriptions/sub-1/resourceGroups/rg-test/providers/Microsoft.Storage/storageAccounts/st{purpose.Replace("-", "")}01",
        Source = "test", Name = $"st{purpose.Replace("-", "")}01", SubscriptionId = "sub-1", ResourceGroup = "rg-test", Region = "eastus",
        AccessTier = tier, Replication = replication, Purpose = purpose, Environment = environment, UsedCapacityGiB = gib,
        ReadTransactionsPerDay = reads, WriteTransactionsPerDay = writes, SecondaryReadsPerDay = secondaryReads,
        LastAccessed = Today.AddDays(-idleDays),
    };

    /// <summary>The bill: capacity at list price plus a little for operations.</summary>
    public static StorageUsage Storage(StorageAccount a, decimal? monthlyCost = null) =>
        new(a, 30, monthlyCost ?? (decimal)a.UsedCapacityGiB * StoragePriceCatalog.CapacityPerGbMonth(a.AccessTier, a.Replication) + 1m);
}
