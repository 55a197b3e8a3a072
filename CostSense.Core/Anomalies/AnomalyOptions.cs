using System.ComponentModel.DataAnnotations;

namespace CostSense.Core.Anomalies;

/// <summary>
/// The anomaly detector's thresholds and reach (section CostSense:Anomalies), validated on start. A day is judged against
/// the median of the same kind of day (weekday or weekend) over <see cref="BaselineDays"/> before it. A spike is a run of
/// days at least <see cref="MinFactor"/> times that level and <see cref="MinExcessPerDay"/> above it; a change of at least
/// <see cref="LevelShiftMinChange"/> (up or down, and <see cref="MinShiftPerDay"/> a day) that persists is a new level.
/// </summary>
public sealed class AnomalyOptions : IValidatableObject
{
    public const string Section = "CostSense:Anomalies";

    /// <summary>Days of data judged, ending at the latest day with cost.</summary>
    [Range(14, 730)] public int LookbackDays { get; set; } = 120;

    /// <summary>Days before a day whose same kind of day makes its usual level.</summary>
    [Range(7, 120)] public int BaselineDays { get; set; } = 28;

    /// <summary>Comparable days needed before a day can be judged (a new scope is not an anomaly on its first days).</summary>
    [Range(1, 30)] public int MinBaselineSamples { get; set; } = 5;

    /// <summary>A spike day costs at least this many times its usual level.</summary>
    [Range(1.05, 100)] public double MinFactor { get; set; } = 1.6;

    /// <summary>…and at least this much more than usual, in the billing currency: a tiny service's cent-sized jump is not news.</summary>
    [Range(0, 1_000_000)] public decimal MinExcessPerDay { get; set; } = 10m;

    /// <summary>A day departs from its level when it differs by at least this share of it (0.2 = 20%), up or down.</summary>
    [Range(0.01, 10)] public double LevelShiftMinChange { get; set; } = 0.2;

    /// <summary>…and by at least this much a day, in the billing currency.</summary>
    [Range(0, 1_000_000)] public decimal MinShiftPerDay { get; set; } = 5m;

    /// <summary>Consecutive departed days that make a new level when they last until the latest day.</summary>
    [Range(2, 60)] public int LevelShiftMinDays { get; set; } = 5;

    /// <summary>Consecutive departed days that make a new level even if it later changes again (a spike is shorter).</summary>
    [Range(3, 120)] public int LevelShiftPersistDays { get; set; } = 14;

    /// <summary>The last days of a month that may peak as they did last month (month-end close) without being news.</summary>
    [Range(0, 10)] public int MonthEndDays { get; set; } = 3;

    /// <summary>
    /// Tag keys whose values are scopes. Empty: every key with at most <see cref="MaxTagValues"/> values in the lookback,
    /// so a per-VM key (owner, a build id) does not flood the list with one scope per resource.
    /// </summary>
    public List<string> TagKeys { get; set; } = [];

    [Range(1, 10_000)] public int MaxTagValues { get; set; } = 20;

    /// <summary>Drivers are listed until they make up this share of the excess (percent)…</summary>
    [Range(10, 100)] public decimal DriverSharePercent { get; set; } = 80m;

    /// <summary>…or this many are listed.</summary>
    [Range(1, 50)] public int MaxDrivers { get; set; } = 5;

    /// <summary>Days of a level shift whose raw cost rows are read for its drivers (its first days tell what changed).</summary>
    [Range(1, 120)] public int LevelShiftDriverDays { get; set; } = 14;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LevelShiftPersistDays < LevelShiftMinDays)
            yield return new ValidationResult(
                $"{Section}:{nameof(LevelShiftPersistDays)} ({LevelShiftPersistDays}) must be at least {nameof(LevelShiftMinDays)} ({LevelShiftMinDays}).",
                [nameof(LevelShiftPersistDays)]);
        if (MinBaselineSamples * 7 > BaselineDays * 2)
            yield return new ValidationResult(
                $"{Section}:{nameof(MinBaselineSamples)} ({MinBaselineSamples}) needs more weekend days than {nameof(BaselineDays)} ({BaselineDays}) holds.",
                [nameof(MinBaselineSamples)]);
        if (TagKeys.Any(string.IsNullOrWhiteSpace))
            yield return new ValidationResult($"{Section}:{nameof(TagKeys)} holds an empty key.", [nameof(TagKeys)]);
    }
}
