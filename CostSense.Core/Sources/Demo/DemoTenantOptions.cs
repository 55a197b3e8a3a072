using System.ComponentModel.DataAnnotations;

namespace CostSense.Core.Sources.Demo;

/// <summary>The demo tenant's switch and size. Same seed and size, same tenant, to the cent.</summary>
public sealed class DemoTenantOptions
{
    public const string Section = "CostSense:Demo";

    /// <summary>Generate the demo tenant on first start when the store is empty.</summary>
    public bool Enabled { get; set; } = true;

    public int Seed { get; set; } = 20_240_601;

    [Range(1, 20)] public int Subscriptions { get; set; } = 3;
    [Range(1, 200)] public int ResourceGroups { get; set; } = 8;
    [Range(0, 20_000)] public int VirtualMachines { get; set; } = 60;
    [Range(0, 10_000)] public int StorageAccounts { get; set; } = 25;
    [Range(1, 36)] public int MonthsOfHistory { get; set; } = 13;
}
