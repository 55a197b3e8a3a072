using CostSense.Core.Data.Entities;

namespace CostSense.Core.Notifications;

/// <summary>
/// One thing worth telling people: a new anomaly, a budget threshold crossed, or a channel's test. <see cref="Key"/> is
/// unique per thing ("anomaly:{fingerprint}", "budget:{budget}:{yyyy-MM}:{basis}:{percent}"), so each channel gets it once.
/// </summary>
public sealed record Alert(
    string Key,
    AlertKind Kind,
    string Title,
    string Text,
    /// <summary>The money at stake: an anomaly's excess, a crossing's actual or forecast cost.</summary>
    decimal Amount,
    string Currency,
    IReadOnlyList<AlertFact> Facts,
    /// <summary>The app-relative page that shows it ("anomalies?id=12", "budgets").</summary>
    string? Link);

public sealed record AlertFact(string Name, string Value);
