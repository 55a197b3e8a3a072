using System.Globalization;
using CostSense.Core.Costs;
using CostSense.Core.Money;

namespace CostSense.Core.Anomalies;

/// <summary>
/// Which resources (and meters) make up an anomaly's excess, without I/O. Each resource is compared with its own usual
/// cost: the median of the same kind of day over the baseline window before the anomaly, for each of its days. The
/// resources whose change goes the anomaly's way are listed by their share of the excess until they make up
/// <see cref="AnomalyOptions.DriverSharePercent"/> of it or <see cref="AnomalyOptions.MaxDrivers"/> are listed.
/// </summary>
public static class AnomalyDrivers
{
    /// <param name="rows">The scope's rows over [<paramref name="baselineFrom"/>, <paramref name="to"/>].</param>
    /// <param name="from">The anomaly's first day; the baseline is the days before it.</param>
    public static IReadOnlyList<AnomalyDriver> Compute(IEnumerable<DriverRow> rows, DateOnly baselineFrom, DateOnly from, DateOnly to,
        string currency, AnomalyOptions options)
    {
        var resources = rows.GroupBy(r => (Key: r.ResourceId ?? r.ResourceName ?? "", r.Meter, r.ServiceName)).Select(g =>
        {
            var byDay = g.GroupBy(r => r.Date).ToDictionary(d => d.Key, d => (Cost: d.Sum(r => r.Cost), Quantity: d.Sum(r => r.Quantity ?? 0)));
            decimal UsualOf(DateOnly day, Func<(decimal Cost, decimal Quantity), decimal> pick) => Median(
                Days(baselineFrom, from.AddDays(-1)).Where(x => CostAnalytics.IsWeekend(x) == CostAnalytics.IsWeekend(day))
                    .Select(x => byDay.TryGetValue(x, out var v) ? pick(v) : 0m).ToList());
            decimal expected = 0, actual = 0, usualQuantity = 0, quantity = 0;
            foreach (var day in Days(from, to))
            {
                expected += UsualOf(day, v => v.Cost);
                usualQuantity += UsualOf(day, v => v.Quantity);
                if (byDay.TryGetValue(day, out var v)) { actual += v.Cost; quantity += v.Quantity; }
            }
            var first = g.First();
            var name = first.ResourceName ?? LastSegment(first.ResourceId) ?? "(no resource)";
            var unit = g.Select(r => r.Unit).FirstOrDefault(u => !string.IsNullOrWhiteSpace(u));
            return new { first.ResourceId, Name = name, g.Key.Meter, g.Key.ServiceName, Expected = expected, Actual = actual,
                UsualQuantity = usualQuantity, Quantity = quantity, Unit = unit };
        }).ToList();

        var net = resources.Sum(r => r.Actual - r.Expected);
        if (net == 0) return [];
        var sign = Math.Sign(net);
        // Shares of what moved the anomaly's way: resources that moved the other way do not push a share past 100%.
        var total = resources.Select(r => r.Actual - r.Expected).Where(x => Math.Sign(x) == sign).Sum();
        var days = to.DayNumber - from.DayNumber + 1;
        var drivers = new List<AnomalyDriver>();
        decimal covered = 0;
        foreach (var r in resources.Where(r => Math.Sign(r.Actual - r.Expected) == sign).OrderByDescending(r => (r.Actual - r.Expected) * sign)
                     .ThenBy(r => r.Name, StringComparer.Ordinal))
        {
            var share = Math.Round((r.Actual - r.Expected) / total * 100m, 1);
            drivers.Add(new AnomalyDriver(r.ResourceId, r.Name, r.Meter, r.ServiceName, Math.Round(r.Expected, 2), Math.Round(r.Actual, 2), share,
                Detail(r.UsualQuantity / days, r.Quantity / days, r.Expected, r.Actual, r.UsualQuantity, r.Quantity, r.Unit, currency, days)));
            covered += share;
            if (covered >= options.DriverSharePercent || drivers.Count >= options.MaxDrivers) break;
        }
        return drivers;
    }

    /// <summary>
    /// What changed in the resource's own units, a day: "24 h instead of 12 h", "1,240 GB instead of 450 GB"; when the
    /// quantity held and the cost moved, its unit price ("$0.068 per h instead of $0.169").
    /// </summary>
    internal static string? Detail(decimal usualPerDay, decimal perDay, decimal expected, decimal actual, decimal usualQuantity, decimal quantity,
        string? unit, string currency, int days)
    {
        if (string.IsNullOrWhiteSpace(unit)) return null;
        var u = Unit(unit);
        var aDay = days > 1 ? " a day" : "";
        if (usualPerDay == 0 && perDay == 0) return null;
        if (usualPerDay == 0 || Math.Abs(perDay - usualPerDay) / usualPerDay > 0.05m)
            return $"{Quantity(perDay)} {u}{aDay} instead of {Quantity(usualPerDay)} {u}";
        if (usualQuantity > 0 && quantity > 0)
        {
            var was = expected / usualQuantity;
            var now = actual / quantity;
            if (was > 0 && Math.Abs(now - was) / was > 0.02m)
                return $"{Price(now, currency)} per {u} instead of {Price(was, currency)}";
        }
        return null;
    }

    private static string Unit(string unit) => unit.Trim() switch
    {
        "Hours" or "Hour" or "1 Hour" or "hours" => "h",
        var x => x,
    };

    private static string Quantity(decimal q) => Math.Abs(q) >= 100
        ? Math.Round(q, 0).ToString("N0", CultureInfo.InvariantCulture)
        : Math.Round(q, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Price(decimal p, string currency) => MoneyFormat.Format(p, currency, p >= 10 ? 2 : p >= 0.01m ? 4 : 6);

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return d;
    }

    private static decimal Median(List<decimal> values)
    {
        if (values.Count == 0) return 0;
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static string? LastSegment(string? id) => id is null ? null : id[(id.LastIndexOf('/') + 1)..];
}
