using CostSense.Core.Access;

namespace CostSense.Core.Sources.Demo;

public interface IDemoTenantService
{
    /// <summary>
    /// Generates the demo tenant into the store, replacing the previous demo data, and records it in the audit trail.
    /// </summary>
    /// <exception cref="AccessDeniedException">The actor may not manage data (Analyst or Admin).</exception>
    /// <exception cref="InvalidOperationException">The store holds real (imported) cost data: the demo is never generated beside it.</exception>
    Task<DemoTenantSummary> GenerateAsync(Actor actor, CancellationToken ct);

    /// <summary>Removes the demo tenant (its cost rows, inventory and metrics), audited; returns the cost rows removed.</summary>
    /// <exception cref="AccessDeniedException">The actor may not manage data (Analyst or Admin).</exception>
    Task<int> RemoveAsync(Actor actor, CancellationToken ct);

    /// <summary>
    /// With demo data on: generates the demo tenant into an empty store, or brings a store that holds only
    /// demo data from an earlier day up to today. Returns whether it generated.
    /// </summary>
    Task<bool> SeedOnStartAsync(CancellationToken ct);
}
