namespace CostSense.Core.Data.Entities;

/// <summary>A record of one (source, period) replacement: what was written, when.</summary>
public sealed class ImportBatch
{
    public long Id { get; set; }
    public required string Source { get; set; }
    public DateOnly PeriodStart { get; set; }
    /// <summary>Exclusive end of the replaced period.</summary>
    public DateOnly PeriodEnd { get; set; }
    public int RowCount { get; set; }
    public decimal EffectiveCost { get; set; }
    /// <summary>The rows' billing currency, or null when they are in several (the cost sum is then only a count of units).</summary>
    public string? Currency { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}
