using CostSense.Core.Data.Entities;

namespace CostSense.Core.Sources.Azure.Metrics;

/// <summary>
/// Hourly Monitor values reduced to what the store keeps: a VM's <see cref="DailyMetric"/> per day it ran, and a storage
/// account's capacity, transactions per day and last access over the window.
/// </summary>
internal static class MetricReduction
{
    public const string Cpu = "Percentage CPU";
    public const string AvailableMemory = "Available Memory Bytes";
    public const string NetworkIn = "Network In Total";
    public const string NetworkOut = "Network Out Total";
    public const string UsedCapacity = "UsedCapacity";
    public const string Transactions = "Transactions";

    private const double GiB = 1024d * 1024 * 1024;
    private const double MiB = 1024d * 1024;

    /// <summary>
    /// One row per UTC day in [<paramref name="from"/>, <paramref name="to"/>] on which the VM reported CPU: hours running are
    /// the hours with a CPU value; CPU average, maximum (of the hourly maxima) and P95 of the hourly averages; memory used in
    /// percent = 100 × (1 − available ÷ the VM's memory) per hour, then averaged, maximum and P95 (none when the size's
    /// memory is unknown); network = in + out, in MiB. A day without any CPU value (stopped, deallocated, or no data) has no row.
    /// </summary>
    public static IEnumerable<DailyMetric> VmDays(string resourceId, double memoryGiB, IEnumerable<MetricSeries> series, DateOnly from, DateOnly to)
    {
        var byMetric = series.GroupBy(s => s.Metric, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.SelectMany(s => s.Points).ToList(), StringComparer.OrdinalIgnoreCase);
        List<MetricPoint> Of(string metric) => byMetric.GetValueOrDefault(metric) ?? [];
        static DateOnly Day(MetricPoint p) => DateOnly.FromDateTime(p.Time.UtcDateTime);

        var cpu = Of(Cpu).Where(p => p.Average is not null).ToLookup(Day);
        var memory = Of(AvailableMemory).Where(p => p.Average is not null && memoryGiB > 0)
            .ToLookup(Day, p => Math.Clamp(100 * (1 - p.Average!.Value / (memoryGiB * GiB)), 0, 100));
        var network = Of(NetworkIn).Concat(Of(NetworkOut)).Where(p => p.Total is not null).ToLookup(Day, p => p.Total!.Value);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var hours = cpu[day].ToList();
            if (hours.Count == 0) continue;
            var averages = hours.Select(p => p.Average!.Value).ToList();
            var used = memory[day].ToList();
            yield return new DailyMetric
            {
                ResourceId = resourceId,
                Date = day,
                HoursRunning = hours.Count,
                CpuAverage = averages.Average(),
                CpuMax = hours.Max(p => p.Maximum ?? p.Average!.Value),
                CpuP95 = P95(averages),
                MemoryAverage = used.Count == 0 ? 0 : used.Average(),
                MemoryMax = used.Count == 0 ? 0 : used.Max(),
                MemoryP95 = used.Count == 0 ? 0 : P95(used),
                NetworkMiB = network[day].Sum() / MiB,
            };
        }
    }

    /// <summary>
    /// A storage account's usage over the window: capacity is the latest hourly UsedCapacity (null when Monitor gave none);
    /// read and write transactions are the window's totals per API name over its days (an API name starting Get, List,
    /// Query, Peek, Read, Head or Download reads; any other writes); last accessed is the last day with any transaction,
    /// or null when the window had none.
    /// </summary>
    public static (double? UsedGiB, long ReadsPerDay, long WritesPerDay, DateOnly? LastAccessed) Account(IEnumerable<MetricSeries> series, int days)
    {
        var list = series.ToList();
        var capacity = list.Where(s => s.Metric.Equals(UsedCapacity, StringComparison.OrdinalIgnoreCase))
            .SelectMany(s => s.Points).Where(p => p.Average is not null).OrderByDescending(p => p.Time).Select(p => p.Average).FirstOrDefault();
        var transactions = list.Where(s => s.Metric.Equals(Transactions, StringComparison.OrdinalIgnoreCase)).ToList();
        double Sum(bool reads) => transactions.Where(s => IsRead(s.Dimension) == reads).SelectMany(s => s.Points).Sum(p => p.Total ?? 0);
        var last = transactions.SelectMany(s => s.Points).Where(p => p.Total > 0).Select(p => (DateOnly?)DateOnly.FromDateTime(p.Time.UtcDateTime)).Max();
        return (capacity is { } bytes ? bytes / GiB : null,
            (long)Math.Round(Sum(true) / Math.Max(1, days)), (long)Math.Round(Sum(false) / Math.Max(1, days)), last);
    }

    /// <summary>Whether a storage API name reads (GetBlob, ListBlobs, QueryEntities, PeekMessages …) rather than writes.</summary>
    public static bool IsRead(string? apiName) => apiName is not null
        && new[] { "Get", "List", "Query", "Peek", "Read", "Head", "Download" }.Any(p => apiName.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>The 95th percentile by linear interpolation between the closest ranks (Excel's PERCENTILE.INC).</summary>
    public static double P95(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        var rank = 0.95 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
