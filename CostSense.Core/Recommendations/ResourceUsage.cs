using CostSense.Core.Data.Entities;

namespace CostSense.Core.Recommendations;

/// <summary>
/// One VM over the lookback window, as the rules see it: the inventory row, its metrics aggregated over the
/// days it has them, and what it cost. Built by the engine from the store; built by hand in rule tests.
/// </summary>
/// <param name="DaysWithMetrics">Days in the window with a metric row (coverage: fewer lowers confidence).</param>
/// <param name="CpuP95">Mean of the daily CPU P95 over the days the VM ran, percent; null without metrics.</param>
/// <param name="CpuAverage">Mean of the daily CPU average over the days the VM ran, percent.</param>
/// <param name="CpuMax">Highest daily CPU max in the window, percent.</param>
/// <param name="MemoryP95">Mean of the daily memory P95 over the days the VM ran, percent.</param>
/// <param name="MemoryMax">Highest daily memory max in the window, percent.</param>
/// <param name="NetworkMiBPerDay">Mean network traffic per running day.</param>
/// <param name="RunningShare">Hours running ÷ hours in the window, 0–1.</param>
/// <param name="MonthlyComputeCost">The VM's compute cost over the window scaled to 730 hours (what deallocating saves).</param>
/// <param name="MonthlyDiskCost">The VM's managed disk cost per month (what deleting saves).</param>
public sealed record VmUsage(
    VirtualMachine Vm,
    int LookbackDays,
    int DaysWithMetrics,
    double? CpuP95,
    double? CpuAverage,
    double? CpuMax,
    double? MemoryP95,
    double? MemoryMax,
    double? NetworkMiBPerDay,
    double RunningShare,
    decimal MonthlyComputeCost,
    decimal MonthlyDiskCost)
{
    /// <summary>Tagged workload=web or api: stricter headroom (P95 CPU ≤ 40%, memory ≤ 60% after a resize).</summary>
    public bool IsUserFacing => Vm.Workload is { } w && (w.Equals("web", StringComparison.OrdinalIgnoreCase) || w.Equals("api", StringComparison.OrdinalIgnoreCase));

    public bool IsProduction => Vm.Environment is { } e && e.StartsWith("prod", StringComparison.OrdinalIgnoreCase);
}

/// <summary>One storage account as the rules see it, with its monthly cost from the store.</summary>
/// <param name="CostOnly">
/// The account is known from imported cost rows only: capacity, tier, replication and transactions come from its meters, but
/// reads from the secondary region are not billed separately, and its environment is known only from a tag or its resource
/// group's name, so the rules do not act on either when they are unknown.
/// </param>
public sealed record StorageUsage(StorageAccount Account, int LookbackDays, decimal MonthlyCost, bool CostOnly = false)
{
    public bool IsProduction => Account.Environment is { } e && e.StartsWith("prod", StringComparison.OrdinalIgnoreCase);
}
