namespace CostSense.Core.Data.Entities;

/// <summary>
/// Cost summed per day, resource group and tag (key and value), for every tag a row carries: what showback, budgets and
/// anomalies read to break cost down by any tag key, not only the two the <see cref="DailyCostRollup"/> lifts. Keys are
/// kept lower case (Azure tag names are case-insensitive); values as written. A row without a key is in no row of that
/// key: a key's untagged cost is the scope's total less the sum over its values, never lost.
/// Rebuilt with the daily rollups whenever a period's cost rows change.
/// </summary>
public sealed class DailyTagRollup
{
    public long Id { get; set; }
    public DateOnly Date { get; set; }
    public string ProviderName { get; set; } = "Microsoft";
    public required string SubAccountId { get; set; }
    public required string SubAccountName { get; set; }
    public required string ResourceGroup { get; set; }
    public required string TagKey { get; set; }
    public required string TagValue { get; set; }
    public required string BillingCurrency { get; set; }
    public decimal EffectiveCost { get; set; }
}
