namespace CostSense.Core.Costs;

/// <summary>
/// What the dashboard asks for: a date range (inclusive), and optionally one subscription (or account) and one
/// provider (FOCUS ProviderName: "Microsoft", "AWS" …), so that imported multi-cloud files can be read one cloud at a time.
/// </summary>
public sealed record CostFilter(DateOnly From, DateOnly To, string? SubscriptionId = null, string? ProviderName = null)
{
    /// <summary>The provider of the Azure inventory (VMs, metrics, storage accounts): only it has utilization and storage tiers.</summary>
    public const string AzureProvider = "Microsoft";

    /// <summary>Whether the Azure inventory belongs in this view: no provider chosen, or Azure's.</summary>
    public bool IncludesAzureInventory => ProviderName is null || string.Equals(ProviderName, AzureProvider, StringComparison.OrdinalIgnoreCase);

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

/// <summary>
/// The range against the period just before it: for a range that starts on the first of a month and ends in it, the
/// same days of the month before (capped at its length); for any other range, as many days immediately before it.
/// </summary>
public sealed record PeriodComparison(
    DateOnly From,
    DateOnly To,
    decimal Total,
    /// <summary>Null when the previous period has no cost (nothing to compare with).</summary>
    decimal? ChangePercent,
    /// <summary>The previous period's days that have cost.</summary>
    IReadOnlyList<DailyCost> Daily);

public sealed record CostTrend(TrendDirection Direction, decimal SlopePerDay, decimal ChangeOver30DaysPercent);

public sealed record DailyCost(DateOnly Date, decimal Cost);

/// <summary>One slice of a breakdown: a name, its cost over the range and its share of the total (0–100).</summary>
public sealed record CostShare(string Key, string Name, decimal Cost, decimal SharePercent);

public sealed record FleetUtilization(int RunningVms, double CpuAverage, double CpuP95, double MemoryAverage, double MemoryP95)
{
    public static FleetUtilization None { get; } = new(0, 0, 0, 0, 0);
}

public sealed record StorageTierCapacity(string Tier, int Accounts, double UsedGiB);

/// <summary>A subscription (or another cloud's account) and the provider that bills it, so the filter can keep it when the provider changes.</summary>
public sealed record SubscriptionRef(string Id, string Name, string ProviderName = CostFilter.AzureProvider);

/// <summary>Everything the dashboard shows for one filter, computed from rollups and inventory.</summary>
public sealed record DashboardSnapshot(
    CostFilter Filter,
    string Currency,
    bool HasData,
    decimal RangeTotal,
    CostKpis Kpis,
    /// <summary>The range's total against the period before it.</summary>
    PeriodComparison Previous,
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
    /// <summary>Cost per provider (FOCUS ProviderName) over the range, in <see cref="Currency"/>.</summary>
    IReadOnlyList<CostShare> ByProvider,
    FleetUtilization Utilization,
    IReadOnlyList<StorageTierCapacity> StorageByTier,
    /// <summary>The subscriptions to choose from: those of the chosen provider, or all.</summary>
    IReadOnlyList<SubscriptionRef> Subscriptions,
    /// <summary>Every provider in the store, whatever the filter, so the filter can offer them all (and offers nothing when there is one).</summary>
    IReadOnlyList<string> Providers,
    /// <summary>Billing currencies in the range other than <see cref="Currency"/>; their cost is not in these figures.</summary>
    IReadOnlyList<string> OtherCurrencies);
