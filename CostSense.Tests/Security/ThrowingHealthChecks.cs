using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CostSense.Tests.Security;

/// <summary>Health checks that throw instead of reporting: an unhandled failure nothing catches before the exception handler.</summary>
public sealed class ThrowingHealthChecks : HealthCheckService
{
    public override Task<HealthReport> CheckHealthAsync(Func<HealthCheckRegistration, bool>? predicate, CancellationToken ct = default) =>
        throw new InvalidOperationException("Test: an unhandled failure");
}
