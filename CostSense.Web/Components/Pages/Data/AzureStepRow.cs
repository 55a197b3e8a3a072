using CostSense.Core.Data.Entities;

namespace CostSense.Web.Components.Pages.Data;

/// <summary>A step of a sync as the Data page lists it, whether running (live) or finished (from the store).</summary>
public sealed record AzureStepRow(AzureSyncStep Step, AzureSyncStatus Status, int Items, string? Line, DateTimeOffset? RetryAt);
