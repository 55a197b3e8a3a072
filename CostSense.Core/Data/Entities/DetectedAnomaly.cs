namespace CostSense.Core.Data.Entities;

/// <summary>
/// An anomaly found in the store's daily cost at one scope: a spike (a run of days) or a new level that persists,
/// with what was expected, what it cost, and the drivers (resources and meters) that make up most of the excess.
/// <see cref="Fingerprint"/> (kind, scope, first day) is unique: detecting again updates the row, never adds a second.
/// Triage (<see cref="Status"/>, <see cref="Note"/>) survives every detection run; an untriaged anomaly that the data
/// no longer shows (a re-import corrected it) is removed.
/// </summary>
public sealed class DetectedAnomaly
{
    public long Id { get; set; }
    public required string Fingerprint { get; set; }
    public AnomalyKind Kind { get; set; }
    public CostScopeKind ScopeKind { get; set; }
    /// <summary>The scope's key (see <see cref="CostScopeKind"/>).</summary>
    public required string ScopeKey { get; set; }
    /// <summary>The scope as an analyst reads it ("rg-prod-web (Contoso Production)", "team=payments").</summary>
    public required string ScopeName { get; set; }
    /// <summary>First and last anomalous day (inclusive); for a level shift, the day the new level began and the latest day seen at it.</summary>
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    /// <summary>What the days would have cost at the usual level, summed over the days.</summary>
    public decimal Expected { get; set; }
    public decimal Actual { get; set; }
    public required string Currency { get; set; }
    /// <summary>One line naming the excess and its main driver, as the page, the dashboard and the alert show it.</summary>
    public required string Summary { get; set; }
    /// <summary>The drivers as JSON: a list of {resourceId, resourceName, meter, expected, actual, excess, share, detail}.</summary>
    public required string DriversJson { get; set; }
    public AnomalyStatus Status { get; set; }
    public string? Note { get; set; }
    public string? TriagedBy { get; set; }
    public DateTimeOffset? TriagedAt { get; set; }
    public DateTimeOffset DetectedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>When alerts for it were queued (or it was judged too old to be news); null until then.</summary>
    public DateTimeOffset? AlertedAt { get; set; }

    public decimal Excess => Actual - Expected;
}
