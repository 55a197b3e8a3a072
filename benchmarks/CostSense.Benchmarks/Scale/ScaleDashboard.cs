using System.Diagnostics;
using CostSense.Core.Anomalies;
using CostSense.Core.Budgets;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Benchmarks.Scale;

/// <summary>
/// The dashboard over the large tenant, as its page loads it: every widget's service call (the cost snapshot, the
/// latest date, the savings card, the top recommendations, the anomalies card, the budgets card), for the month to date
/// and for a 90-day range, with the cache off (cold: every figure from the store) and on (warm). Beside it, the cost
/// figures grouped from raw rows instead of rollups — checked equal to the cent, so the two are the same work done two ways.
/// </summary>
public static class ScaleDashboard
{
    private const int Runs = 5;

    public static async Task RunAsync(ScaleContext context, CancellationToken ct)
    {
        var report = context.Report;
        var cold = context.Tenant.Open(new Dictionary<string, string?> { ["CostSense:Cache:Enabled"] = "false" });
        var warm = context.Tenant.Open(new Dictionary<string, string?> { ["CostSense:Cache:Enabled"] = "true" });
        // The widgets read recommendations computed from the data as it is: computed once here, not timed (the
        // recommendations scenario times it).
        await cold.GetRequiredService<IRecommendationService>().RecomputeAsync(ct);

        var latest = await cold.GetRequiredService<IDashboardService>().LatestDataDateAsync(ct)
            ?? throw new InvalidOperationException("The large tenant has no cost rollups.");
        var ranges = new[]
        {
            ("month to date", new CostFilter(new DateOnly(latest.Year, latest.Month, 1), latest)),
            ("90 days", new CostFilter(latest.AddDays(-89), latest)),
        };
        foreach (var (name, filter) in ranges)
        {
            var coldWidgets = new Dictionary<string, List<double>>();
            var warmWidgets = new Dictionary<string, List<double>>();
            var (coldMs, snapshot) = await MedianAsync(() => EveryWidgetAsync(cold, filter, coldWidgets, ct), ct);
            await EveryWidgetAsync(warm, filter, [], ct);
            var (warmMs, _) = await MedianAsync(() => EveryWidgetAsync(warm, filter, warmWidgets, ct), ct);
            var (rollupMs, _) = await MedianAsync(() => cold.GetRequiredService<IDashboardService>().GetAsync(filter, ct), ct);
            var (rawMs, raw) = await MedianAsync(() => RawAsync(context.Tenant.Services, filter, snapshot.Currency, ct), ct, runs: 3);
            Check(snapshot, raw, name);

            var postgres = context.Tenant.IsPostgres;
            report.Add(new ScaleFigure($"Dashboard, every widget, {name}, cold cache", "≤ 500 ms", $"{coldMs:N0} ms",
                Met: postgres ? coldMs <= 500 : null, Note: Breakdown(coldWidgets)));
            report.Add(new ScaleFigure($"Dashboard, every widget, {name}, warm cache", "≤ 100 ms", $"{warmMs:N1} ms",
                Met: postgres ? warmMs <= 100 : null, Note: Breakdown(warmWidgets)));
            report.Add(new ScaleFigure($"Dashboard cost figures, {name}: raw rows grouped vs rollups", "raw ≥ 20× slower",
                $"{rawMs / rollupMs:N0}× ({rollupMs:N0} ms from rollups)", $"{rawMs:N0} ms from {raw.Rows:N0} raw rows",
                Met: postgres ? rawMs >= 20 * rollupMs : null, Note: "figures equal to the cent"));
        }
    }

    /// <summary>What the dashboard page asks for on load (its cards load beside it), one call after another, each timed.</summary>
    private static async Task<DashboardSnapshot> EveryWidgetAsync(IServiceProvider services, CostFilter filter, Dictionary<string, List<double>> widgets,
        CancellationToken ct)
    {
        var dashboard = services.GetRequiredService<IDashboardService>();
        var recommendations = services.GetRequiredService<IRecommendationService>();
        async Task<T> Timed<T>(string widget, Func<Task<T>> call)
        {
            var sw = Stopwatch.StartNew();
            var result = await call();
            (widgets.TryGetValue(widget, out var times) ? times : widgets[widget] = []).Add(sw.Elapsed.TotalMilliseconds);
            return result;
        }
        await Timed("latest date", () => dashboard.LatestDataDateAsync(ct));
        var snapshot = await Timed("costs", () => dashboard.GetAsync(filter, ct));
        await Timed("savings", () => recommendations.SummaryAsync(filter.SubscriptionId, ct));
        await Timed("top recommendations", () => recommendations.TopAsync(5, filter.SubscriptionId, ct));
        await Timed("anomalies", () => services.GetRequiredService<IAnomalyService>().ListAsync(new AnomalyQuery(AnomalyStatus.New), ct));
        await Timed("budgets", () => services.GetRequiredService<BudgetService>().StatusAsync(ct));
        return snapshot;
    }

    /// <summary>Each widget's median, slowest first: where the time of a slow dashboard goes.</summary>
    private static string Breakdown(Dictionary<string, List<double>> widgets) =>
        string.Join(", ", widgets.Select(w => (w.Key, Ms: Median(w.Value))).OrderByDescending(w => w.Ms).Select(w => $"{w.Key} {w.Ms:N1}"));

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>The dashboard's cost figures (daily totals, breakdowns) grouped from raw cost rows, as without rollups.</summary>
    private static async Task<RawFigures> RawAsync(IServiceProvider services, CostFilter f, string currency, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(ct);
        var rows = db.CostRecords.AsNoTracking().Where(r => r.ChargePeriodStart >= f.From && r.ChargePeriodStart <= f.To && r.BillingCurrency == currency);
        var daily = await rows.GroupBy(r => r.ChargePeriodStart).Select(g => new { g.Key, Cost = g.Sum(r => r.EffectiveCost), Rows = g.Count() }).ToListAsync(ct);
        var slices = await rows
            .GroupBy(r => new { r.ProviderName, r.SubAccountId, r.SubAccountName, r.ResourceGroup, r.ServiceName, r.RegionId, r.TagEnvironment, r.TagCostCenter })
            .Select(g => new { g.Key.ServiceName, g.Key.RegionId, Cost = g.Sum(r => r.EffectiveCost) })
            .ToListAsync(ct);
        return new RawFigures(
            daily.ToDictionary(d => d.Key, d => d.Cost),
            slices.GroupBy(s => s.ServiceName).ToDictionary(g => g.Key, g => g.Sum(s => s.Cost)),
            daily.Sum(d => (long)d.Rows));
    }

    private static void Check(DashboardSnapshot snapshot, RawFigures raw, string range)
    {
        var rawTotal = raw.Daily.Values.Sum();
        if (snapshot.RangeTotal != rawTotal)
            throw new InvalidOperationException($"Dashboard {range}: the rollups' total {snapshot.RangeTotal} differs from the raw rows' {rawTotal}.");
        foreach (var day in snapshot.Daily)
            if (raw.Daily.GetValueOrDefault(day.Date) != day.Cost)
                throw new InvalidOperationException($"Dashboard {range}: {day.Date:yyyy-MM-dd} is {day.Cost} from rollups, {raw.Daily.GetValueOrDefault(day.Date)} from raw rows.");
        foreach (var service in snapshot.TopServices.Where(s => s.Key != CostAnalytics.OtherKey))
            if (raw.ByService.GetValueOrDefault(service.Key) != service.Cost)
                throw new InvalidOperationException($"Dashboard {range}: {service.Name} is {service.Cost} from rollups, {raw.ByService.GetValueOrDefault(service.Key)} from raw rows.");
    }

    private static async Task<(double Ms, T Result)> MedianAsync<T>(Func<Task<T>> query, CancellationToken ct, int runs = Runs)
    {
        var result = await query(); // warm-up: the code is jitted, the server's pages are read once
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            ct.ThrowIfCancellationRequested();
            var sw = Stopwatch.StartNew();
            result = await query();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[runs / 2], result);
    }

    private sealed record RawFigures(Dictionary<DateOnly, decimal> Daily, Dictionary<string, decimal> ByService, long Rows);
}
