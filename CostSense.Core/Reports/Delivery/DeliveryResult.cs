using CostSense.Core.Data.Entities;

namespace CostSense.Core.Reports.Delivery;

/// <summary>What became of one delivery in a sending pass (and what "Send now" reports back).</summary>
public sealed record DeliveryResult(long DeliveryId, string Recipient, ReportDeliveryStatus Status, int Attempts, string? Error, DateTimeOffset? NextAttemptAt);
