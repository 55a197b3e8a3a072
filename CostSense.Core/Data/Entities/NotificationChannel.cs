namespace CostSense.Core.Data.Entities;

/// <summary>
/// Where alerts go: a webhook (generic JSON, Teams, Slack) or e-mail recipients, with which alerts it wants and the
/// least anomaly excess worth a message. A webhook's address carries its secret: it is kept protected (data protection)
/// in <see cref="ProtectedTarget"/> and shown only by its host.
/// </summary>
public sealed class NotificationChannel
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public NotificationChannelKind Kind { get; set; }
    /// <summary>The webhook URL, or comma-separated e-mail addresses, protected.</summary>
    public required string ProtectedTarget { get; set; }
    /// <summary>What to show of the target without revealing it ("hooks.slack.com", "2 recipients").</summary>
    public required string TargetHint { get; set; }
    public bool Anomalies { get; set; } = true;
    public bool Budgets { get; set; } = true;
    /// <summary>Anomalies with a smaller excess are not sent.</summary>
    public decimal MinAnomalyExcess { get; set; }
    public bool Enabled { get; set; } = true;
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>
/// One alert to one channel: the outbox and the delivery log at once. (ChannelId, AlertKey) is unique, so the same alert
/// is never queued, or sent, twice. A failure is retried with back-off until <see cref="NotificationStatus.GaveUp"/>.
/// </summary>
public sealed class NotificationDelivery
{
    public long Id { get; set; }
    public long ChannelId { get; set; }
    public required string ChannelName { get; set; }
    /// <summary>What the alert is about, unique per channel ("anomaly:{fingerprint}", "budget:{id}:{month}:{basis}:{pct}", "test:{guid}").</summary>
    public required string AlertKey { get; set; }
    public AlertKind AlertKind { get; set; }
    public required string Title { get; set; }
    /// <summary>The alert's text and facts as JSON (the channel's format is built from it at each attempt).</summary>
    public required string Payload { get; set; }
    public NotificationStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>The last failure in words (status code and the receiver's reply), never the URL.</summary>
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The last time alerts were checked, and the data they were checked against (one row).</summary>
public sealed class AlertCheckRun
{
    public int Id { get; set; }
    /// <summary>The store's data versions and the day detection last ran for; detection runs again when it changes.</summary>
    public required string Stamp { get; set; }
    public DateTimeOffset RanAt { get; set; }
    public int Anomalies { get; set; }
    public string? Error { get; set; }
}
