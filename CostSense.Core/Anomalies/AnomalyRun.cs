using CostSense.Core.Data.Entities;

namespace CostSense.Core.Anomalies;

/// <summary>
/// An anomaly the detector found in one series: a spike (a run of days far above the usual level) or a new level (the
/// day it began to the latest day seen at it). <see cref="Expected"/> is what the days would have cost at the usual
/// (for a level shift: the old) level, summed over the days.
/// </summary>
public sealed record AnomalyRun(AnomalyKind Kind, DateOnly From, DateOnly To, decimal Expected, decimal Actual)
{
    public decimal Excess => Actual - Expected;
    public int Days => To.DayNumber - From.DayNumber + 1;
}

/// <summary>One judged day: its cost, the level it was judged against, and that level's usual range (the baseline's lowest and highest day).</summary>
public sealed record AnomalyTracePoint(DateOnly Date, decimal Actual, decimal Expected, decimal Low, decimal High);

/// <summary>What the detector found in one series, and the level it judged each day against (for the series chart).</summary>
public sealed record AnomalyTrace(IReadOnlyList<AnomalyRun> Anomalies, IReadOnlyList<AnomalyTracePoint> Points);
