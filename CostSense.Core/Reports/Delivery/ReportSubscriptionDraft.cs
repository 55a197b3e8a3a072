using CostSense.Core.Data.Entities;

namespace CostSense.Core.Reports.Delivery;

/// <summary>A report subscription as the form edits it; <see cref="Recipients"/> is free text, one address per line (or comma-separated).</summary>
public sealed record ReportSubscriptionDraft(string Name, string Recipients, ReportFrequency Frequency, string? SubscriptionId, ReportRange Range, bool Enabled = true);
