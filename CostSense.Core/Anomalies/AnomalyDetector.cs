using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;

namespace CostSense.Core.Anomalies;

/// <summary>
/// Finds anomalies in one scope's daily cost, without I/O. Each day is judged against the median of the same kind of day
/// (weekday or weekend: a quiet weekend is not a drop, Monday not a jump) over the baseline window before it, leaving out
/// days already judged anomalous so that an incident does not become its own baseline.
/// <list type="bullet">
/// <item>A day departs from its level when it differs by <see cref="AnomalyOptions.LevelShiftMinChange"/> and
/// <see cref="AnomalyOptions.MinShiftPerDay"/>; consecutive departed days in one direction are a run.</item>
/// <item>A run that lasts <see cref="AnomalyOptions.LevelShiftPersistDays"/>, or <see cref="AnomalyOptions.LevelShiftMinDays"/>
/// up to the latest day, is a new level (up or down: a price drop is one), reported once from the day it began to the
/// latest day at it; the baseline then starts again at that day, so the new level is the usual one.</item>
/// <item>Otherwise, the days of an upward run that cost <see cref="AnomalyOptions.MinFactor"/> times the level and
/// <see cref="AnomalyOptions.MinExcessPerDay"/> more are a spike, unless the month-end days peak no higher than last
/// month's. A short dip (a missing day of data, an outage) is not news.</item>
/// </list>
/// </summary>
public static class AnomalyDetector
{
    /// <param name="costs">The scope's cost per day; days from its first day with cost on without an entry cost zero.</param>
    /// <param name="from">Anomalies ending before this day are not returned, and the trace starts here.</param>
    /// <param name="to">The latest day (the series is judged up to it; days without cost after the last entry cost zero).</param>
    public static AnomalyTrace Detect(IReadOnlyDictionary<DateOnly, decimal> costs, DateOnly from, DateOnly to, AnomalyOptions options) =>
        new Walk(costs, to, options).Run(from);

    private sealed class Walk(IReadOnlyDictionary<DateOnly, decimal> costs, DateOnly to, AnomalyOptions o)
    {
        private readonly DateOnly _first = costs.Count == 0 ? to.AddDays(1) : costs.Keys.Min();
        private readonly HashSet<DateOnly> _excluded = [];
        private readonly List<(AnomalyRun Run, Shift? Shift)> _found = [];
        private readonly Dictionary<DateOnly, Level> _levels = [];
        private DateOnly _cut;
        private Shift? _shift;

        /// <summary>A level the baseline had: its median and range, by kind of day.</summary>
        private sealed record Level(decimal Median, decimal Low, decimal High, int Count);

        /// <summary>A confirmed new level: where it began, the old level by kind of day, and the latest day at it.</summary>
        private sealed class Shift(DateOnly start, Level? oldWeekday, Level? oldWeekend)
        {
            public DateOnly Start { get; } = start;
            public Level? OldWeekday { get; } = oldWeekday;
            public Level? OldWeekend { get; } = oldWeekend;
            public DateOnly To { get; set; }
            public Level? Old(DateOnly d) => CostAnalytics.IsWeekend(d) ? OldWeekend ?? OldWeekday : OldWeekday ?? OldWeekend;
        }

        private sealed class OpenRun(DateOnly start, int direction)
        {
            public DateOnly Start { get; } = start;
            public int Direction { get; } = direction;
            public List<(DateOnly Date, decimal Cost, decimal Expected, bool Strong)> Days { get; } = [];
        }

        public AnomalyTrace Run(DateOnly from)
        {
            _cut = _first;
            OpenRun? run = null;
            for (var d = _first; d <= to; d = d.AddDays(1))
            {
                var cost = Cost(d);
                var level = Expected(d);
                if (level is null)
                {
                    if (run is not null) { Close(run, atEnd: false); run = null; level = Expected(d); }
                    if (level is null) continue;
                }
                _levels[d] = level;
                var direction = Departs(d, cost, level.Median);
                if (run is not null && (direction == run.Direction || Continues(cost, level.Median, run.Direction)))
                {
                    run.Days.Add((d, cost, level.Median, Strong(d, cost, level.Median)));
                    _excluded.Add(d);
                    if (run.Days.Count >= o.LevelShiftPersistDays) { Confirm(run); run = null; }
                    continue;
                }
                if (run is not null)
                {
                    // The run ended: close it, then judge this day afresh (a confirmed shift moves the baseline).
                    Close(run, atEnd: false);
                    run = null;
                    level = Expected(d);
                    if (level is null) continue;
                    _levels[d] = level;
                    direction = Departs(d, cost, level.Median);
                }
                if (direction != 0)
                {
                    run = new OpenRun(d, direction);
                    run.Days.Add((d, cost, level.Median, Strong(d, cost, level.Median)));
                    _excluded.Add(d);
                    continue;
                }
                if (_shift is not null) _shift.To = d;
            }
            if (run is not null) Close(run, atEnd: true);
            return Result(from);
        }

        private decimal Cost(DateOnly d) => costs.GetValueOrDefault(d);

        /// <summary>+1 or -1 when the day departs from its level by the level-shift thresholds, else 0.</summary>
        private int Departs(DateOnly d, decimal cost, decimal expected)
        {
            if (Strong(d, cost, expected)) return 1;
            var change = cost - expected;
            if (Math.Abs(change) < o.MinShiftPerDay || change == 0) return 0;
            if (expected > 0 && (double)(Math.Abs(change) / expected) < o.LevelShiftMinChange) return 0;
            return Math.Sign(change);
        }

        /// <summary>
        /// A run goes on through a day that departs half as far its way (hysteresis): a new level's weekend, on which the
        /// same change is a smaller amount, does not cut it in pieces.
        /// </summary>
        private bool Continues(decimal cost, decimal expected, int direction)
        {
            var change = (cost - expected) * direction;
            if (change <= 0 || change < o.MinShiftPerDay / 2) return false;
            return expected == 0 || (double)(change / expected) >= o.LevelShiftMinChange / 2;
        }

        private bool Strong(DateOnly d, decimal cost, decimal expected) =>
            cost - expected >= o.MinExcessPerDay && (expected == 0 || (double)(cost / expected) >= o.MinFactor) && !IsUsualMonthEnd(d, cost);

        /// <summary>
        /// Month-end close (reporting jobs, batch scale-outs) raises some services every month: a last-days peak no
        /// higher than the same days of last month is the series' habit, not an incident.
        /// </summary>
        private bool IsUsualMonthEnd(DateOnly day, decimal cost)
        {
            if (o.MonthEndDays == 0 || day.Day <= DateTime.DaysInMonth(day.Year, day.Month) - o.MonthEndDays) return false;
            var previous = new DateOnly(day.Year, day.Month, 1).AddMonths(-1);
            var lastDay = DateTime.DaysInMonth(previous.Year, previous.Month);
            var peak = Enumerable.Range(lastDay - o.MonthEndDays + 1, o.MonthEndDays)
                .Select(x => Cost(new DateOnly(previous.Year, previous.Month, x))).Max();
            return peak > 0 && (double)(cost / peak) < o.MinFactor;
        }

        /// <summary>The same kind of day's level in the window before <paramref name="d"/> (from the last new level on), or null without enough history.</summary>
        private Level? Expected(DateOnly d)
        {
            var level = Baseline(d, d);
            if (level is { } l && l.Count >= o.MinBaselineSamples) return l;
            if (_shift is null || d <= _shift.Start) return null;
            // Just after a new level began there are few days at it: its days so far, or the old level of this kind of day
            // scaled as the other kind of day moved.
            if (level is { Count: >= 1 }) return level;
            var other = Baseline(d.AddDays(CostAnalytics.IsWeekend(d) ? -2 : 2), d);
            var oldThis = _shift.Old(d);
            var oldOther = CostAnalytics.IsWeekend(d) ? _shift.OldWeekday : _shift.OldWeekend;
            if (other is null || oldThis is null || oldOther is null || oldOther.Median == 0) return null;
            var ratio = other.Median / oldOther.Median;
            return new Level(oldThis.Median * ratio, oldThis.Low * ratio, oldThis.High * ratio, 0);
        }

        /// <summary>The median and range of the days of <paramref name="kindOf"/>'s kind in [before − window, before), not excluded, from the cut on.</summary>
        private Level? Baseline(DateOnly kindOf, DateOnly before)
        {
            var weekend = CostAnalytics.IsWeekend(kindOf);
            var start = before.AddDays(-o.BaselineDays);
            if (start < _cut) start = _cut;
            if (start < _first) start = _first;
            var samples = new List<decimal>(o.BaselineDays);
            for (var x = start; x < before; x = x.AddDays(1))
                if (CostAnalytics.IsWeekend(x) == weekend && !_excluded.Contains(x))
                    samples.Add(Cost(x));
            if (samples.Count == 0) return null;
            samples.Sort();
            var mid = samples.Count / 2;
            var median = samples.Count % 2 == 1 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2;
            return new Level(median, samples[0], samples[^1], samples.Count);
        }

        private void Close(OpenRun run, bool atEnd)
        {
            if (run.Days.Count >= o.LevelShiftMinDays && (atEnd || run.Days.Count >= o.LevelShiftPersistDays))
            {
                Confirm(run);
                return;
            }
            var strong = run.Direction > 0 ? run.Days.FindIndex(x => x.Strong) : -1;
            if (strong < 0)
            {
                foreach (var day in run.Days) _excluded.Remove(day.Date);
                return;
            }
            var last = run.Days.FindLastIndex(x => x.Strong);
            // Weak days around the spike are ordinary again; the spike's own days stay out of the baseline.
            for (var i = 0; i < run.Days.Count; i++)
                if (i < strong || i > last) _excluded.Remove(run.Days[i].Date);
            var days = run.Days.Skip(strong).Take(last - strong + 1).ToList();
            _found.Add((new AnomalyRun(AnomalyKind.Spike, days[0].Date, days[^1].Date, days.Sum(x => x.Expected), days.Sum(x => x.Cost)), null));
        }

        /// <summary>A new level: the baseline restarts at its first day, and its days are no longer left out.</summary>
        private void Confirm(OpenRun run)
        {
            var start = run.Start;
            var weekday = Baseline(NextOfKind(start, weekend: false), start);
            var weekend = Baseline(NextOfKind(start, weekend: true), start);
            foreach (var day in run.Days) _excluded.Remove(day.Date);
            _cut = start;
            _shift = new Shift(start, weekday, weekend) { To = run.Days[^1].Date };
            _found.Add((new AnomalyRun(AnomalyKind.LevelShift, start, start, 0, 0), _shift));
        }

        private static DateOnly NextOfKind(DateOnly d, bool weekend)
        {
            while (CostAnalytics.IsWeekend(d) != weekend) d = d.AddDays(1);
            return d;
        }

        private AnomalyTrace Result(DateOnly from)
        {
            var anomalies = new List<AnomalyRun>();
            foreach (var (run, shift) in _found)
            {
                if (shift is null) { anomalies.Add(run); continue; }
                // A new level's days, all of them, against the old level of their kind of day.
                decimal expected = 0, actual = 0;
                for (var d = shift.Start; d <= shift.To; d = d.AddDays(1))
                {
                    expected += shift.Old(d)?.Median ?? 0;
                    actual += Cost(d);
                }
                anomalies.Add(run with { To = shift.To, Expected = expected, Actual = actual });
            }

            var points = new List<AnomalyTracePoint>();
            for (var d = from < _first ? _first : from; d <= to; d = d.AddDays(1))
            {
                var inShift = _found.Select(f => f.Shift).LastOrDefault(s => s is not null && d >= s.Start && d <= s.To);
                var level = inShift?.Old(d) ?? _levels.GetValueOrDefault(d);
                if (level is null) continue;
                points.Add(new AnomalyTracePoint(d, Cost(d), level.Median, level.Low, level.High));
            }
            return new AnomalyTrace(anomalies.Where(a => a.To >= from).OrderBy(a => a.From).ToList(), points);
        }
    }
}
