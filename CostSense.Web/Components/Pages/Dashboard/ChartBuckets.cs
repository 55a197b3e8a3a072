using System.Globalization;
using CostSense.Core.Costs;

namespace CostSense.Web.Components.Pages.Dashboard;

public static class ChartBuckets
{
    public const int MaxDailyDays = 92;
    public const int MaxWeeklyDays = 366;
    /// <summary>More x labels than this overlap; the others are left blank.</summary>
    public const int MaxLabels = 12;

    public static ChartGrain GrainFor(CostFilter filter)
    {
        var days = filter.To.DayNumber - filter.From.DayNumber + 1;
        return days > MaxWeeklyDays ? ChartGrain.Month : days > MaxDailyDays ? ChartGrain.Week : ChartGrain.Day;
    }

    /// <summary>Sums the days into buckets; days without cost count as zero, so a gap shows as a dip, not a jump.</summary>
    public static ChartPoints Aggregate(CostFilter filter, IReadOnlyList<DailyCost> daily)
    {
        var grain = GrainFor(filter);
        var byDay = daily.ToDictionary(d => d.Date, d => d.Cost);
        var buckets = new List<(DateOnly Start, decimal Sum)>();
        for (var d = filter.From; d <= filter.To; d = d.AddDays(1))
        {
            var start = BucketStart(d, filter.From, grain);
            if (buckets.Count == 0 || buckets[^1].Start != start) buckets.Add((start, 0m));
            buckets[^1] = (start, buckets[^1].Sum + byDay.GetValueOrDefault(d));
        }
        var format = grain == ChartGrain.Month ? "MMM yy" : "d MMM";
        var labels = buckets.Select(b => b.Start.ToString(format, CultureInfo.InvariantCulture)).ToArray();
        return new ChartPoints(grain, Thin(labels), buckets.Select(b => (double)b.Sum).ToArray());
    }

    /// <summary>Keeps every Nth label so that at most <see cref="MaxLabels"/> show.</summary>
    public static string[] Thin(string[] labels)
    {
        var step = (int)Math.Ceiling(labels.Length / (double)MaxLabels);
        return step <= 1 ? labels : labels.Select((l, i) => i % step == 0 ? l : "").ToArray();
    }

    private static DateOnly BucketStart(DateOnly day, DateOnly from, ChartGrain grain) => grain switch
    {
        ChartGrain.Week => from.AddDays((day.DayNumber - from.DayNumber) / 7 * 7),
        ChartGrain.Month => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };
}
