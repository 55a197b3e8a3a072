namespace CostSense.Core.Costs;

/// <summary>How one day compared with the usual level of its kind of day, and what moved it.</summary>
public sealed record DayComparison(
    DateOnly Date,
    string Currency,
    decimal Cost,
    /// <summary>The average of the same kind of day (weekday or weekend) in the four weeks before.</summary>
    decimal Usual,
    IReadOnlyList<CostMover> ByService,
    IReadOnlyList<CostMover> ByResourceGroup)
{
    public decimal Change => Cost - Usual;
    public decimal? ChangePercent => Usual == 0 ? null : Math.Round((Cost - Usual) / Usual * 100m, 1);
}

/// <summary>A service or resource group's cost on the day against its usual level.</summary>
public sealed record CostMover(string Name, decimal Cost, decimal Usual)
{
    public decimal Change => Cost - Usual;
}
