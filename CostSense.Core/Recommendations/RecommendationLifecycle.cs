using CostSense.Core.Data.Entities;

namespace CostSense.Core.Recommendations;

/// <summary>
/// Which state changes are allowed: Open → Accepted → Implemented; Open or Accepted → Dismissed (with a reason)
/// or Snoozed (until a future date, then open again); anything but Open → Open (reopen).
/// </summary>
public static class RecommendationLifecycle
{
    public static bool CanMove(RecommendationStatus from, RecommendationStatus to) => (from, to) switch
    {
        (_, _) when from == to => false,
        (RecommendationStatus.Open, _) => true,
        (RecommendationStatus.Accepted, RecommendationStatus.Implemented or RecommendationStatus.Dismissed or RecommendationStatus.Snoozed or RecommendationStatus.Open) => true,
        (RecommendationStatus.Snoozed or RecommendationStatus.Dismissed or RecommendationStatus.Implemented, RecommendationStatus.Open) => true,
        _ => false,
    };

    /// <exception cref="ArgumentException">The change lacks what it needs (a reason to dismiss, a future date to snooze).</exception>
    public static void Validate(StatusChange change, DateOnly today)
    {
        if (change.To == RecommendationStatus.Dismissed && string.IsNullOrWhiteSpace(change.Reason))
            throw new ArgumentException("Say why the recommendation is dismissed.", nameof(change));
        if (change.To == RecommendationStatus.Snoozed && (change.SnoozeUntil is not { } until || until <= today))
            throw new ArgumentException($"Snooze until a date after today ({today:yyyy-MM-dd}).", nameof(change));
        if (change.Reason is { Length: > 500 })
            throw new ArgumentException("Keep the reason under 500 characters.", nameof(change));
    }
}
