using CostSense.Core.Notifications;

namespace CostSense.Core.Alerts;

/// <summary>
/// What one alert check did: whether detection ran (the data or the day changed), the anomalies the store holds and the
/// new budget crossings, the alerts raised and queued, old anomalies judged not news, and this instance's deliveries.
/// <see cref="Error"/> names each part that failed (the others still ran).
/// </summary>
public sealed record AlertCheckResult(
    bool Detected,
    int? Anomalies,
    int? NewCrossings,
    int Alerts,
    int NotNews,
    int Queued,
    IReadOnlyList<NotificationResult> Deliveries,
    string? Error);
