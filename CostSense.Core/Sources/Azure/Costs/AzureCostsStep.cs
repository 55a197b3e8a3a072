using CostSense.Core.Data.Entities;

namespace CostSense.Core.Sources.Azure.Costs;

/// <summary>
/// The costs step of a sync: cost details for the billing scopes of <c>CostSense:Azure:CostDetailsScopes</c> when set
/// (<see cref="CostDetailsSync"/>), the Query API per subscription otherwise (<see cref="QueryCostSync"/>).
/// </summary>
public sealed class AzureCostsStep(AzureConnection connection, QueryCostSync query, CostDetailsSync details) : IAzureSyncStep
{
    public AzureSyncStep Step => AzureSyncStep.Costs;

    public Task<AzureStepOutcome> RunAsync(AzureSyncContext context, CancellationToken ct) =>
        connection.Options.CostDetailsScopeList.Count > 0 ? details.RunAsync(context, ct) : query.RunAsync(context, ct);
}
