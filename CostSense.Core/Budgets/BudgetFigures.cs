using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;

namespace CostSense.Core.Budgets;

/// <summary>
/// A budget's figures from the rollups (through <see cref="ScopeCosts"/>, in the budget's currency): the month to date
/// and the forecast are <see cref="CostAnalytics.Kpis"/> on the scope's daily totals, the dashboard's own arithmetic, so a
/// budget for the tenant or a subscription shows the dashboard's figures to the cent.
/// </summary>
public sealed class BudgetFigures(ScopeCosts scopes)
{
    /// <summary>How far back a budget's history reaches: three years of months.</summary>
    public const int MaxHistoryMonths = 36;

    /// <summary>The last day with cost (the "as of" of every status); null for an empty store.</summary>
    public Task<DateOnly?> LatestAsync(CancellationToken ct) => scopes.LatestDateAsync(ct);

    /// <summary>
    /// Each budget's status in <paramref name="month"/> as of <paramref name="latest"/> (the store's last day of data): the
    /// whole month once it has closed (its forecast is then its actual), the days to date while it runs.
    /// </summary>
    public async Task<IReadOnlyList<BudgetStatus>> StatusAsync(IReadOnlyList<Budget> budgets, DateOnly month, DateOnly? latest, CancellationToken ct)
    {
        var result = new List<BudgetStatus>(budgets.Count);
        var series = new SeriesCache(scopes);
        foreach (var b in budgets)
        {
            var scope = ScopeOf(b);
            var actualThresholds = BudgetThresholds.Read(b.ActualThresholds);
            var forecastThresholds = BudgetThresholds.Read(b.ForecastThresholds);
            if (!BudgetMath.Covers(b, month) || latest is not { } asOf || asOf < month)
            {
                var state = BudgetMath.Covers(b, month) ? BudgetState.Fine : BudgetState.Inactive;
                result.Add(new BudgetStatus(b, scope, month, null, false, b.Amount, 0m, 0m, actualThresholds, forecastThresholds, [], [], state));
                continue;
            }
            var (from, to) = Window(month, asOf);
            var daily = await series.GetAsync(scope, b.Currency, from, to, ct);
            var m = Figures(daily, month, asOf);
            var crossedActual = BudgetMath.Crossed(actualThresholds, m.Actual, b.Amount);
            var crossedForecast = m.Closed ? [] : BudgetMath.Crossed(forecastThresholds, m.Forecast, b.Amount);
            result.Add(new BudgetStatus(b, scope, month, m.AsOf, m.Closed, b.Amount, m.Actual, m.Forecast, actualThresholds, forecastThresholds,
                crossedActual, crossedForecast, StateOf(b.Amount, m.Actual, m.Forecast, m.Closed, crossedActual, crossedForecast)));
        }
        return result;
    }

    /// <summary>Every month of the budget up to the latest data that has cost for its scope, oldest first (the current month always, while covered).</summary>
    public async Task<IReadOnlyList<BudgetMonth>> HistoryAsync(Budget b, DateOnly? latest, CancellationToken ct)
    {
        if (latest is not { } asOf) return [];
        var current = BudgetMath.MonthOf(asOf);
        var first = b.StartMonth < current.AddMonths(-(MaxHistoryMonths - 1)) ? current.AddMonths(-(MaxHistoryMonths - 1)) : b.StartMonth;
        var last = b.EndMonth is { } end && end < current ? end : current;
        if (last < first) return [];
        var (from, to) = Window(last, asOf);
        if (first < from) from = first;
        var daily = await new SeriesCache(scopes).GetAsync(ScopeOf(b), b.Currency, from, to, ct);
        var months = new List<BudgetMonth>();
        for (var month = first; month <= last; month = month.AddMonths(1))
        {
            var m = month;
            var hasData = daily.Keys.Any(d => d >= m && d <= BudgetMath.MonthEnd(m));
            if (!hasData && month != current) continue;
            var f = Figures(daily, month, asOf);
            months.Add(new BudgetMonth(month, b.Amount, f.Actual, f.Forecast, f.Closed, b.Currency));
        }
        return months;
    }

    /// <summary>The scope a budget watches, as <see cref="ScopeCosts"/> reads it.</summary>
    public static CostScope ScopeOf(Budget b) => new(b.ScopeKind, b.ScopeKey, b.ScopeName);

    /// <summary>The days a month's figures need: the month, and for a running month the forecast's window before its last day.</summary>
    private static (DateOnly From, DateOnly To) Window(DateOnly month, DateOnly asOf)
    {
        var monthEnd = BudgetMath.MonthEnd(month);
        if (monthEnd <= asOf) return (month, monthEnd);
        var window = asOf.AddDays(-(CostAnalytics.ForecastWindowDays - 1));
        return (window < month ? window : month, asOf);
    }

    private readonly record struct MonthFigures(decimal Actual, decimal Forecast, bool Closed, DateOnly? AsOf);

    private static MonthFigures Figures(IReadOnlyDictionary<DateOnly, decimal> daily, DateOnly month, DateOnly asOf)
    {
        var monthEnd = BudgetMath.MonthEnd(month);
        if (asOf < month) return new(0m, 0m, false, null);
        if (monthEnd <= asOf)
        {
            var total = daily.Where(d => d.Key >= month && d.Key <= monthEnd).Sum(d => d.Value);
            return new(total, total, true, monthEnd);
        }
        // The dashboard's KPIs on this scope's days: the same month to date and the same forecast to month end.
        var kpis = CostAnalytics.Kpis(daily, asOf);
        return new(kpis.MonthToDate, kpis.ForecastMonthEnd, false, asOf);
    }

    private static BudgetState StateOf(decimal amount, decimal actual, decimal forecast, bool closed, IReadOnlyList<int> crossedActual, IReadOnlyList<int> crossedForecast)
    {
        if (actual >= amount) return BudgetState.Over;
        if (crossedForecast.Count > 0 || (!closed && forecast >= amount)) return BudgetState.ForecastOver;
        return crossedActual.Count > 0 ? BudgetState.ThresholdCrossed : BudgetState.Fine;
    }

    /// <summary>
    /// Daily totals per scope kind (and tag key) over a window, read once per call for all the budgets of that kind; days
    /// without any cost row are absent, as the dashboard's averages expect.
    /// </summary>
    private sealed class SeriesCache(ScopeCosts scopes)
    {
        private readonly Dictionary<(CostScopeKind, string?, string, DateOnly, DateOnly), IReadOnlyList<ScopeDailyCost>> _loaded = [];

        public async Task<IReadOnlyDictionary<DateOnly, decimal>> GetAsync(CostScope scope, string currency, DateOnly from, DateOnly to, CancellationToken ct)
        {
            var tagKey = scope.Kind == CostScopeKind.Tag ? CostScope.SplitTag(scope.Key).TagKey : null;
            var key = (scope.Kind, tagKey, currency, from, to);
            if (!_loaded.TryGetValue(key, out var rows))
                _loaded[key] = rows = await scopes.DailyAsync(scope.Kind, from, to, currency, tagKey, ct);
            var daily = new Dictionary<DateOnly, decimal>();
            foreach (var r in rows)
                if (r.Scope.Key == scope.Key) daily[r.Date] = daily.GetValueOrDefault(r.Date) + r.Cost;
            return daily;
        }
    }
}
