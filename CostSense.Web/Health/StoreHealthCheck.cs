using CostSense.Core.Data;
using CostSense.Web.Startup;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CostSense.Web.Health;

/// <summary>
/// The store: Unhealthy until start-up has brought it up, and whenever it does not answer a probe. Without it the
/// app can show nothing, so a load balancer should send no one here.
/// </summary>
internal sealed class StoreHealthCheck(StoreStatus status, StoreProbe probe, IOptions<StoreOptions> store) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        if (!status.Ready)
            return HealthCheckResult.Unhealthy(status.Problem is { } problem
                ? $"{problem} Start-up keeps trying (attempt {status.Current.Attempt} failed)."
                : "Start-up is still bringing the store up (schema, demo tenant).");

        var name = store.Value.UsesPostgres ? "PostgreSQL (ConnectionStrings:CostSense)" : "The SQLite store";
        var result = await probe.ProbeAsync(Timeout, ct);
        return result.Ok
            ? HealthCheckResult.Healthy($"{name} answered.")
            : HealthCheckResult.Unhealthy($"{name} did not answer ({result.Reason}). Check that it is running and reachable; CostSense reconnects on its own.");
    }
}
