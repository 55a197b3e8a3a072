namespace CostSense.Core.Costs;

/// <summary>What the dashboard asks for: a date range (inclusive) and optionally one subscription.</summary>
public sealed record CostFilter(DateOnly From, DateOnly To, string? SubscriptionId = null)
{
    /// <summary>The range starts on the first of a month and ends in it (month to date, or a whole month): the chart compares it with the month before, day by day.</summary>
    public bool IsSingleMonth => From.Day == 1 && From.Year == To.Year && From.Month == To.Month;
}

public enum TrendDirection { Increasing, Stable, Decreasing }

/// <summary>Headline figures, all anchored at <see cref="AsOf"/> (the filter's end date).</summary>
public sealed record CostKpis(
    DateOnly AsOf,
    decimal MonthToDate,
    decimal PreviousMonthSameDays,
    /// <summary>Null when last month has no cost for the same days (nothing to compare with).</summary>
    decimal? ChangePercent,
    decimal ForecastMonthEnd,
    decimal PreviousMonthTotal,
    int DaysRemaining);

public sealed record CostTrend(TrendDirection Direction, decimal SlopePerDay, decimal ChangeOver30DaysPercent);

public sealed record DailyCost(DateOnly Date, decimal Cost);

/// <summary>One slice of a breakdown: a name, its cost over the range and its share of the total (0–100).</summary>
public sealed record CostShare(string Key, string Name, decimal Cost, decimal SharePercent);

public sealed record FleetUtilization(int RunningVms, double CpuAverage, double CpuP95, double MemoryAverage, double MemoryP95)
{
    public static FleetUtilization None { get; } = new(0, 0, 0, 0, 0);
}

public sealed record StorageTierCapacity(string Tier, int Accounts, double UsedGiB);

public sealed record SubscriptionRef(string Id, string Name);

/// <summary>Everything the dashboard shows for one filter, computed from rollups and inventory.</summary>
public sealed record DashboardSnapshot(
    CostFilter Filter,
    string Currency,
    bool HasData,
    decimal RangeTotal,
    CostKpis Kpis,
    CostTrend Trend,
    IReadOnlyList<DailyCost> Daily,
    /// <summary>Last month's days, for the month-to-date comparison; empty for other ranges.</summary>
    IReadOnlyList<DailyCost> PreviousMonthDaily,
    IReadOnlyList<CostShare> TopServices,
    IReadOnlyList<CostShare> ByResourceGroup,
    IReadOnlyList<CostShare> BySubscription,
    IReadOnlyList<CostShare> ByRegion,
    IReadOnlyList<CostShare> ByEnvironment,
    IReadOnlyList<CostShare> ByCostCenter,
    FleetUtilization Utilization,
    IReadOnlyList<StorageTierCapacity> StorageByTier,
    IReadOnlyList<SubscriptionRef> Subscriptions,
    /// <summary>Billing currencies in the range other than <see cref="Currency"/>; their cost is not in these figures.</summary>
    IReadOnlyList<string> OtherCurrencies);
