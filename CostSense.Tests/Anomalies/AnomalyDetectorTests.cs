using CostSense.Core.Anomalies;
using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;

namespace CostSense.Tests.Anomalies;

/// <summary>
/// The detector on constructed series: the incidents an analyst would name are found once, on their days, with their
/// excess; a series' weekly and monthly rhythm, a tiny service's cents and a lasting change's later days are not news.
/// </summary>
public sealed class AnomalyDetectorTests
{
    private static readonly AnomalyOptions Options = new();
    private static readonly DateOnly Start = new(2026, 5, 1);
    private static readonly DateOnly End = new(2026, 11, 30);
    private static readonly DateOnly From = End.AddDays(-119);

    /// <summary>Weekdays at <paramref name="weekday"/>, weekends at <paramref name="weekend"/>, with a deterministic ±5% wobble.</summary>
    private static decimal Usual(DateOnly d, decimal weekday = 100m, decimal weekend = 40m) =>
        (CostAnalytics.IsWeekend(d) ? weekend : weekday) * (1 + ((d.DayNumber * 7919) % 11 - 5) / 100m);

    private static Dictionary<DateOnly, decimal> Series(Func<DateOnly, decimal?> cost, DateOnly? end = null)
    {
        var series = new Dictionary<DateOnly, decimal>();
        for (var d = Start; d <= (end ?? End); d = d.AddDays(1))
            if (cost(d) is { } c) series[d] = c;
        return series;
    }

    private static IReadOnlyList<AnomalyRun> Detect(Dictionary<DateOnly, decimal> series, DateOnly? to = null) =>
        AnomalyDetector.Detect(series, From, to ?? End, Options).Anomalies;

    [Fact]
    public void WeeklySeasonality_RaisesNothing()
    {
        // Weekends at a fifth of weekdays: every Monday is a fivefold "jump" on Sunday, every Saturday a drop.
        Assert.Empty(Detect(Series(d => Usual(d, 500m, 100m))));
    }

    [Fact]
    public void ASingleSpike_IsFoundOnItsDays_WithItsExcess()
    {
        var spike = (From: new DateOnly(2026, 9, 8), To: new DateOnly(2026, 9, 10));
        var series = Series(d => d >= spike.From && d <= spike.To ? 300m : Usual(d));

        var anomaly = Assert.Single(Detect(series));

        Assert.Equal((AnomalyKind.Spike, spike.From, spike.To), (anomaly.Kind, anomaly.From, anomaly.To));
        Assert.Equal(900m, anomaly.Actual);
        // The usual level is the median of the same weekdays before: 100 within the wobble.
        Assert.InRange(anomaly.Expected, 3 * 95m, 3 * 105m);
        Assert.Equal(anomaly.Actual - anomaly.Expected, anomaly.Excess);
    }

    [Theory]
    [InlineData(1.5)]   // up, below a spike's factor: only its persistence makes it news
    [InlineData(2.5)]   // up, a spike on its first days
    [InlineData(0.6)]   // down: a price drop is a new lower level
    public void ALevelShift_IsReportedOnce_AsANewLevel_AndTheBaselineFollowsIt(double factor)
    {
        var shift = new DateOnly(2026, 9, 1);
        var spike = new DateOnly(2026, 11, 10);
        var series = Series(d => d == spike ? 600m : Usual(d) * (d >= shift ? (decimal)factor : 1m));

        var found = Detect(series);

        var level = Assert.Single(found, a => a.Kind == AnomalyKind.LevelShift);
        Assert.Equal(shift, level.From);
        Assert.Equal(End, level.To);
        var expected = Enumerable.Range(0, level.Days).Select(i => shift.AddDays(i)).Where(d => d != spike).Sum(d => Usual(d));
        Assert.Equal(Math.Sign(factor - 1), Math.Sign(level.Excess));
        Assert.InRange(level.Actual, expected * (decimal)factor * 0.97m, expected * (decimal)factor * 1.03m + 600m);
        // A spike on the new level is measured against the new level, and it is the only other anomaly.
        var other = Assert.Single(found, a => a.Kind == AnomalyKind.Spike);
        Assert.Equal((spike, spike), (other.From, other.To));
        Assert.InRange(other.Expected, 95m * (decimal)factor, 105m * (decimal)factor);
    }

    [Fact]
    public void AnOngoingLevelShift_KeepsItsFirstDay_AsDaysPass()
    {
        var shift = new DateOnly(2026, 10, 6);
        var series = Series(d => Usual(d) * (d >= shift ? 2m : 1m));

        var days = Enumerable.Range(0, 50).Select(i => shift.AddDays(i)).ToList();
        var seen = days.Select(to => (To: to, Found: Detect(series.Where(p => p.Key <= to).ToDictionary(), to))).ToList();

        // Every day it is one anomaly that began on the same day: a spike for its first days, a new level from then on.
        Assert.All(seen, s => Assert.Equal(shift, Assert.Single(s.Found).From));
        Assert.All(seen.Where(s => s.To >= shift.AddDays(Options.LevelShiftMinDays - 1)), s =>
        {
            Assert.Equal(AnomalyKind.LevelShift, s.Found[0].Kind);
            Assert.Equal(s.To, s.Found[0].To);
        });
    }

    [Fact]
    public void AQuietTail_IsOneNewLevelAtZero_NotADropEveryDay()
    {
        var last = new DateOnly(2026, 10, 15);
        var series = Series(d => d <= last ? Usual(d) : null);

        var tail = Assert.Single(Detect(series));

        Assert.Equal((AnomalyKind.LevelShift, last.AddDays(1), End, 0m), (tail.Kind, tail.From, tail.To, tail.Actual));
        Assert.True(tail.Excess < 0);
        // Ended only days ago: too soon to call a new level, and a dip is not news.
        Assert.Empty(Detect(series.Where(p => p.Key <= last).ToDictionary(), last.AddDays(3)));
    }

    [Fact]
    public void AUsualMonthEnd_IsNotNews_ButAMonthEndFarAboveLastMonths_Is()
    {
        static bool MonthEnd(DateOnly d) => d.Day > DateTime.DaysInMonth(d.Year, d.Month) - 3;
        var usual = Series(d => Usual(d) * (MonthEnd(d) ? 2m : 1m));
        Assert.Empty(Detect(usual));

        // September's close (Monday to Wednesday) at three times August's peak.
        var september = Series(d => Usual(d) * (MonthEnd(d) ? d.Month == 9 ? 6m : 2m : 1m));
        var anomaly = Assert.Single(Detect(september));
        Assert.Equal((new DateOnly(2026, 9, 28), new DateOnly(2026, 9, 30)), (anomaly.From, anomaly.To));
    }

    [Fact]
    public void ATinyServicesCentSizedJump_IsNotNews()
    {
        // Five cents a day that jumps eighteenfold for a day, and doubles for good: under a dollar either way.
        var jump = new DateOnly(2026, 9, 15);
        var series = Series(d => d == jump ? 0.90m : d > new DateOnly(2026, 10, 1) ? 0.10m : 0.05m);

        Assert.Empty(Detect(series));
    }

    [Fact]
    public void ANewScope_IsNotAnAnomalyOnItsFirstDays()
    {
        var born = new DateOnly(2026, 10, 1);
        Assert.Empty(Detect(Series(d => d >= born ? Usual(d) : null)));
    }
}
