namespace CostSense.Core.Sources.Demo;

/// <summary>What a demo generation wrote: counts, the period and its cost.</summary>
public sealed record DemoTenantSummary(
    int Subscriptions, int ResourceGroups, int VirtualMachines, int StorageAccounts,
    int CostRows, int MetricRows, DateOnly From, DateOnly To, decimal EffectiveCost, string Currency);
