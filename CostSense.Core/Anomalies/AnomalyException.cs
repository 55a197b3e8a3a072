namespace CostSense.Core.Anomalies;

/// <summary>A triage the service refuses (the anomaly is gone, a note is missing); the message says what to do.</summary>
public sealed class AnomalyException(string message) : InvalidOperationException(message);
