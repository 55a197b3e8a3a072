namespace CostSense.Core.Sources.Azure.Metrics;

/// <summary>One hour of a metric as Monitor gives it: an aggregation is null when the bucket carries only its timeStamp (no data).</summary>
internal readonly record struct MetricPoint(DateTimeOffset Time, double? Average, double? Maximum, double? Total);

/// <summary>One time series of one resource's metric (per value of the split dimension, when the query splits one).</summary>
/// <param name="ResourceId">Lower case, as the store keeps ids.</param>
/// <param name="Dimension">The split dimension's value (the storage API name), or null.</param>
internal sealed record MetricSeries(string ResourceId, string Metric, string? Dimension, IReadOnlyList<MetricPoint> Points);
