namespace CostSense.Tests.Azure.Fake;

/// <summary>
/// The hourly metric values <see cref="FakeMonitor"/> answers with, as a test gives them: resource id → metric name (and
/// the API name for split storage transactions) → value per hour. An hour without a value is a bucket with only its
/// timeStamp. Each hour has one value, answered for every aggregation asked (average, maximum, total …).
/// </summary>
public sealed class FakeMetricData
{
    private readonly Dictionary<(string ResourceId, string Metric, string Dimension), SortedDictionary<DateTimeOffset, double>> _series = [];

    /// <summary>Sets <paramref name="hourly"/> from <paramref name="firstHour"/> on, an hour apart; null values are hours without data.</summary>
    public FakeMetricData Add(string resourceId, string metric, DateTimeOffset firstHour, IReadOnlyList<double?> hourly, string? apiName = null)
    {
        var key = (resourceId.ToLowerInvariant(), metric, apiName ?? "");
        if (!_series.TryGetValue(key, out var values)) _series[key] = values = [];
        for (var i = 0; i < hourly.Count; i++)
            if (hourly[i] is { } v) values[firstHour.AddHours(i).ToUniversalTime()] = v;
        return this;
    }

    /// <summary>The series of one resource's metric: one per API name given, or one (dimension "") when none was.</summary>
    public IReadOnlyList<(string Dimension, IReadOnlyDictionary<DateTimeOffset, double> Values)> Of(string resourceId, string metric) =>
        _series.Where(s => s.Key.ResourceId == resourceId.ToLowerInvariant() && s.Key.Metric.Equals(metric, StringComparison.OrdinalIgnoreCase))
            .Select(s => (s.Key.Dimension, (IReadOnlyDictionary<DateTimeOffset, double>)s.Value)).ToList();
}
