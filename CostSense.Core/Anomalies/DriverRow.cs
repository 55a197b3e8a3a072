namespace CostSense.Core.Anomalies;

/// <summary>A resource's (and meter's) cost and consumed quantity on one day, as the drivers are computed from raw cost rows.</summary>
public sealed record DriverRow(DateOnly Date, string? ResourceId, string? ResourceName, string? Meter, string ServiceName,
    decimal Cost, decimal? Quantity, string? Unit);
