namespace CostSense.Core.Sources.Azure.Costs;

/// <summary>
/// The body of <c>POST {scope}/providers/Microsoft.CostManagement/query</c> (QueryDefinition, api-version 2025-03-01):
/// a custom period of at most 31 days at daily granularity, the cost summed, grouped by at most two dimensions.
/// Serialized camelCase (<see cref="AzureJson"/>).
/// </summary>
internal sealed record CostQueryBody(string Type, string Timeframe, CostQueryPeriod TimePeriod, CostQueryDataset Dataset)
{
    public const string AmortizedCost = "AmortizedCost";
    public const string ActualCost = "ActualCost";

    /// <summary>The cost of the days [<paramref name="from"/>, <paramref name="to"/>] (both included) grouped by <paramref name="dimensions"/>.</summary>
    public static CostQueryBody Daily(string type, DateOnly from, DateOnly to, params string[] dimensions)
    {
        if (to.DayNumber - from.DayNumber + 1 > 31) throw new ArgumentException("A daily cost query covers at most 31 days.", nameof(to));
        if (dimensions.Length > 2) throw new ArgumentException("A cost query groups by at most two dimensions.", nameof(dimensions));
        return new(type, "Custom",
            new CostQueryPeriod($"{from:yyyy-MM-dd}T00:00:00+00:00", $"{to:yyyy-MM-dd}T23:59:59+00:00"),
            new CostQueryDataset("Daily",
                new Dictionary<string, CostQueryAggregation> { ["totalCost"] = new("Cost", "Sum") },
                dimensions.Select(d => new CostQueryGrouping("Dimension", d)).ToList()));
    }
}

internal sealed record CostQueryPeriod(string From, string To);

internal sealed record CostQueryDataset(string Granularity, IReadOnlyDictionary<string, CostQueryAggregation> Aggregation, IReadOnlyList<CostQueryGrouping> Grouping);

internal sealed record CostQueryAggregation(string Name, string Function);

internal sealed record CostQueryGrouping(string Type, string Name);
