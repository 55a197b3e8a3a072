namespace CostSense.Core.Costs;

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
    public DateTimeOffset ImportedAt { get; set; }
}
