using CostSense.Core.Data.Entities;

namespace CostSense.Core.Notifications;

/// <summary>
/// A channel as the settings page edits it. <see cref="Target"/> is the webhook URL, or the e-mail recipients (one per
/// line, or separated by commas); on an edit, an empty target keeps the saved one (the page never sees it again).
/// </summary>
public sealed record NotificationChannelDraft(
    string? Name,
    NotificationChannelKind Kind,
    string? Target,
    bool Anomalies = true,
    bool Budgets = true,
    decimal MinAnomalyExcess = 0,
    bool Enabled = true);

/// <summary>A channel as pages list it: its target only by <see cref="TargetHint"/>.</summary>
public sealed record NotificationChannelView(
    long Id, string Name, NotificationChannelKind Kind, string TargetHint, bool Anomalies, bool Budgets, decimal MinAnomalyExcess,
    bool Enabled, string CreatedBy, DateTimeOffset CreatedAt, string? UpdatedBy, DateTimeOffset? UpdatedAt)
{
    public static NotificationChannelView Of(NotificationChannel c) => new(c.Id, c.Name, c.Kind, c.TargetHint, c.Anomalies, c.Budgets,
        c.MinAnomalyExcess, c.Enabled, c.CreatedBy, c.CreatedAt, c.UpdatedBy, c.UpdatedAt);
}

/// <summary>What one attempt of one delivery came to, as a test button or the log shows it.</summary>
public sealed record NotificationResult(long DeliveryId, string ChannelName, string Title, NotificationStatus Status, int Attempts,
    string? Error, DateTimeOffset? NextAttemptAt);
