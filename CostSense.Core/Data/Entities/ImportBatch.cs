namespace CostSense.Core.Data.Entities;

/// <summary>
/// A record of one (source, period) replacement: what was written, from which file and format, by whom and when;
/// and, once undone, by whom and when its rows were removed.
/// </summary>
public sealed class ImportBatch
{
    public long Id { get; set; }
    public required string Source { get; set; }
    public DateOnly PeriodStart { get; set; }
    /// <summary>Exclusive end of the replaced period.</summary>
    public DateOnly PeriodEnd { get; set; }
    public int RowCount { get; set; }
    public decimal BilledCost { get; set; }
    public decimal EffectiveCost { get; set; }
    /// <summary>The rows' billing currency, or null when they are in several (the cost sum is then only a count of units).</summary>
    public string? Currency { get; set; }
    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>The file or export run imported ("focus-2026-10.csv.gz", "daily/20261001-20261031/3a9f3d28"); null for generated data.</summary>
    public string? FileName { get; set; }

    /// <summary>The format detected ("FocusCost 1.0r2", "EA actual"); null for generated data.</summary>
    public string? Format { get; set; }

    /// <summary>Who imported it (the actor's user id or name); null for the app itself.</summary>
    public string? ImportedBy { get; set; }

    public DateTimeOffset? UndoneAt { get; set; }
    public string? UndoneBy { get; set; }
}
