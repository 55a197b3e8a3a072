namespace CostSense.Core.Sources.Azure.Costs;

/// <summary>One row of a daily cost query: the day, the summed cost in <see cref="Currency"/>, and the grouping dimensions' values by name.</summary>
public sealed record CostQueryRow(DateOnly Date, decimal Cost, string Currency, IReadOnlyDictionary<string, string?> Dimensions)
{
    public string? Dimension(string name) => Dimensions.TryGetValue(name, out var v) ? v : null;
}
