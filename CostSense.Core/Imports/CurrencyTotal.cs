namespace CostSense.Core.Imports;

/// <summary>A file's billed and effective cost in one billing currency, summed exactly as read.</summary>
public sealed record CurrencyTotal(string Currency, decimal BilledCost, decimal EffectiveCost);
