namespace CostSense.Core.Costs;

/// <summary>
/// A run of days on which one service in one resource group cost far more than its own usual level: the
/// kind of incident (debug logging left on, a viral campaign) an analyst wants named with its price.
/// </summary>
public sealed record CostAnomaly(
    string ServiceName,
    string ResourceGroup,
    string SubscriptionName,
    DateOnly From,
    DateOnly To,
    /// <summary>What the days would have cost at the series' usual level.</summary>
    decimal Expected,
    decimal Actual,
    /// <summary>Actual ÷ expected over the run; null when nothing was expected.</summary>
    double? Factor)
{
    public decimal Excess => Actual - Expected;
    public int Days => To.DayNumber - From.DayNumber + 1;
}
