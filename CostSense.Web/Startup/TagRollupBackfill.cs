using CostSense.Core.Costs;

namespace CostSense.Web.Startup;

/// <summary>On start, gives a store written before tag rollups existed its tag rollups (once).</summary>
internal sealed class TagRollupBackfill(CostStore costs) : IStoreStartupStep
{
    public async Task RunAsync(CancellationToken ct) => await costs.EnsureTagRollupsAsync(ct);
}
