namespace CostSense.Core.Data.Entities;

/// <summary>
/// One summary to one recipient for one occurrence of a <see cref="ReportSubscription"/> (scheduled or "Send now").
/// The row is the delivery log and the outbox at once: a sender claims it with a lease (<see cref="LockedUntil"/>), sends,
/// and records the result; a failure is tried again after a back-off, and a row once <see cref="ReportDeliveryStatus.Sent"/>
/// is never claimed again. (ReportSubscriptionId, DueAt, Recipient) is unique, so an occurrence is written once.
/// </summary>
public sealed class ReportDelivery
{
    public long Id { get; set; }

    public long ReportSubscriptionId { get; set; }

    /// <summary>The subscription's name when the delivery was made, so the log reads without a join.</summary>
    public required string SubscriptionName { get; set; }

    /// <summary>The occurrence: its scheduled time, or the moment of a "Send now".</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>True for "Send now", false for the schedule.</summary>
    public bool Manual { get; set; }

    public required string Recipient { get; set; }

    /// <summary>The range the summary covers (inclusive), fixed when the occurrence was claimed so a retry sends the same.</summary>
    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    /// <summary>The scope (one Azure subscription or null for all), fixed with the range.</summary>
    public string? ScopeSubscriptionId { get; set; }

    /// <summary>Whom the PDF names as its author ("Ann (scheduled)", "Bob (sent now)").</summary>
    public required string GeneratedBy { get; set; }

    public ReportDeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>Not claimed before this time (now when created, later after a failure: the back-off).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>While set and in the future, one sender is working on the row; an expired lease (a crashed sender) frees it.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The last failure in words (the SMTP server's reply), never a secret.</summary>
    public string? Error { get; set; }

    /// <summary>The Message-Id the e-mail carries, the same on every attempt, so mail systems can drop a duplicate.</summary>
    public required string MessageId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
