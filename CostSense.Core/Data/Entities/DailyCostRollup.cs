namespace CostSense.Core.Data.Entities;

/// <summary>
/// Cost summed per day over the dimensions the dashboard shows. Rebuilt for a period whenever that
/// period's cost rows change, so dashboard queries never scan raw rows.
/// </summary>
public sealed class DailyCostRollup
{
    public long Id { get; set; }
    public DateOnly Date { get; set; }
    public string ProviderName { get; set; } = "Microsoft";
    public required string SubAccountId { get; set; }
    public required string SubAccountName { get; set; }
    public required string ResourceGroup { get; set; }
    public required string ServiceName { get; set; }
    public required string RegionId { get; set; }
    public string? TagEnvironment { get; set; }
    public string? TagCostCenter { get; set; }
    public required string BillingCurrency { get; set; }
    public decimal BilledCost { get; set; }
    public decimal EffectiveCost { get; set; }
    public int RowCount { get; set; }
}
