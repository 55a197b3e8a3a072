using CostSense.Core.Anomalies;
using CostSense.Core.Budgets;

namespace CostSense.Core.Alerts;

/// <summary>
/// Stands in for an anomaly detection until one is registered (TryAdd: any real registration, before or after, wins), so
/// the app and its alert check start without it; each check then records that detection is missing instead of failing to start.
/// </summary>
internal sealed class MissingAnomalyDetection : IAnomalyDetection
{
    public Task<AnomalyDetectionResult> DetectAsync(CancellationToken ct) =>
        throw new NotSupportedException("No anomaly detection is registered in this build.");
}

/// <summary>Stands in for a budget evaluation until one is registered (see <see cref="MissingAnomalyDetection"/>).</summary>
internal sealed class MissingBudgetEvaluation : IBudgetEvaluation
{
    public Task<int> EvaluateAsync(CancellationToken ct) =>
        throw new NotSupportedException("No budget evaluation is registered in this build.");
}
