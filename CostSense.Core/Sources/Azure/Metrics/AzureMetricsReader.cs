using System.Globalization;
using System.Text.Json;
using Azure.Core;

namespace CostSense.Core.Sources.Azure.Metrics;

/// <summary>
/// Azure Monitor's batch metrics endpoint (<c>POST https://{region}.metrics.monitor.azure.com/subscriptions/{sub}/metrics:getBatch</c>,
/// api-version 2024-02-01): hourly values of up to <see cref="MaxResources"/> resources of one subscription, region and
/// resource type per call, on the metrics audience's token. The response is
/// <c>{"values":[{"resourceid","value":[{"name":{"value"},"timeseries":[{"metadatavalues":[…],"data":[{"timeStamp","average"…}]}]}]}]}</c>;
/// a bucket without data carries only its <c>timeStamp</c>.
/// </summary>
internal sealed class AzureMetricsReader(AzureConnection connection)
{
    public const int MaxResources = 50;
    public const string ApiVersion = "2024-02-01";

    /// <summary>
    /// Reads <paramref name="metricNames"/> of <paramref name="resourceIds"/> hour by hour over [<paramref name="start"/>,
    /// <paramref name="end"/>); <paramref name="filter"/> splits by a dimension (<c>ApiName eq '*'</c>), with up to
    /// <paramref name="top"/> series per resource.
    /// </summary>
    /// <exception cref="ArgumentException">More than <see cref="MaxResources"/> resources.</exception>
    public async Task<IReadOnlyList<MetricSeries>> ReadAsync(string subscriptionId, string region, string metricNamespace, IReadOnlyCollection<string> resourceIds,
        IReadOnlyCollection<string> metricNames, string aggregation, DateTimeOffset start, DateTimeOffset end, string? filter, int? top, CancellationToken ct)
    {
        if (resourceIds.Count > MaxResources) throw new ArgumentException($"The batch endpoint takes at most {MaxResources} resources a call.", nameof(resourceIds));
        var query = $"subscriptions/{subscriptionId}/metrics:getBatch?metricnamespace={Uri.EscapeDataString(metricNamespace)}"
            + $"&metricnames={Uri.EscapeDataString(string.Join(",", metricNames))}&starttime={Time(start)}&endtime={Time(end)}"
            + $"&interval=PT1H&aggregation={aggregation}"
            + (filter is null ? "" : $"&filter={Uri.EscapeDataString(filter)}")
            + (top is null ? "" : $"&top={top.Value.ToString(CultureInfo.InvariantCulture)}")
            + $"&api-version={ApiVersion}";
        using var response = await AzureConnection.SendAsync(connection.Metrics, RequestMethod.Post, connection.MetricsUri(region, query),
            new { resourceids = resourceIds }, ct);
        return response is null ? [] : Parse(response.RootElement);
    }

    private static List<MetricSeries> Parse(JsonElement root)
    {
        var result = new List<MetricSeries>();
        if (!root.TryGetProperty("values", out var values)) return result;
        foreach (var resource in values.EnumerateArray())
        {
            var id = resource.GetProperty("resourceid").GetString()!.ToLowerInvariant();
            if (!resource.TryGetProperty("value", out var metrics)) continue;
            foreach (var metric in metrics.EnumerateArray())
            {
                var name = metric.GetProperty("name").GetProperty("value").GetString()!;
                if (!metric.TryGetProperty("timeseries", out var series)) continue;
                foreach (var s in series.EnumerateArray())
                {
                    string? dimension = null;
                    if (s.TryGetProperty("metadatavalues", out var meta))
                        foreach (var m in meta.EnumerateArray())
                            dimension = m.TryGetProperty("value", out var v) ? v.GetString() : null;
                    var points = new List<MetricPoint>();
                    if (s.TryGetProperty("data", out var data))
                        foreach (var p in data.EnumerateArray())
                            points.Add(new MetricPoint(p.GetProperty("timeStamp").GetDateTimeOffset(),
                                Number(p, "average"), Number(p, "maximum"), Number(p, "total")));
                    result.Add(new MetricSeries(id, name, dimension, points));
                }
            }
        }
        return result;
    }

    private static double? Number(JsonElement point, string name) =>
        point.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
