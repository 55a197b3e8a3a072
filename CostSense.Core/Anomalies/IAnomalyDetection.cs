namespace CostSense.Core.Anomalies;

/// <summary>
/// Detects anomalies in the store's cost at every scope and writes them (new ones added, known ones updated, untriaged
/// ones the data no longer shows removed). The alert check calls it whenever the data or the day changed.
/// </summary>
public interface IAnomalyDetection
{
    /// <summary>Returns how many anomalies the store holds after the run.</summary>
    Task<AnomalyDetectionResult> DetectAsync(CancellationToken ct);
}

public sealed record AnomalyDetectionResult(int Total, int Added, int Updated, int Removed, TimeSpan Elapsed);
