using CostSense.Core.Access;

namespace CostSense.Core.Sources.Demo;

public interface IDemoTenantService
{
    /// <summary>
    /// Generates the demo tenant into the store, replacing the previous demo data, and records it in the audit trail.
    /// </summary>
    /// <exception cref="AccessDeniedException">The actor may not manage data (Analyst or Admin).</exception>
    Task<DemoTenantSummary> GenerateAsync(Actor actor, CancellationToken ct);

    /// <summary>
    /// With demo data on: generates the demo tenant into an empty store, or brings a store that holds only
    /// demo data from an earlier day up to today. Returns whether it generated.
    /// </summary>
    Task<bool> SeedOnStartAsync(CancellationToken ct);
}
