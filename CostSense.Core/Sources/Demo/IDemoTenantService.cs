namespace CostSense.Core.Sources.Demo;

public interface IDemoTenantService
{
    /// <summary>Generates the demo tenant into the store, replacing the previous demo data.</summary>
    Task<DemoTenantSummary> GenerateAsync(CancellationToken ct);

    /// <summary>Generates the demo tenant when demo data is on and the store holds no cost yet.</summary>
    Task<bool> SeedIfEmptyAsync(CancellationToken ct);
}

public sealed record DemoTenantSummary(
    int Subscriptions, int ResourceGroups, int VirtualMachines, int StorageAccounts,
    int CostRows, int MetricRows, DateOnly From, DateOnly To, decimal EffectiveCost, string Currency);
