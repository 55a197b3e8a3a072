using CostSense.Core.Anomalies;
using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;

namespace CostSense.Tests.Components.Anomalies;

/// <summary>
/// Anomalies as the detector reports them on a tenant like the demo one: a VM left running in a batch group, an egress
/// surge that became a new level, a planned load test, a subscription-wide spike. Figures add up (each driver's share
/// is its part of the excess), so a test can say exactly what the page shows.
/// </summary>
public static class AnomalySamples
{
    public static readonly DateTimeOffset Detected = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);

    /// <summary>+$412.10 on 17 Nov in rg-batch: 83% from vm-worker-07 running 24 h instead of 8 h.</summary>
    public static AnomalyView BatchVm { get; } = new(1, AnomalyKind.Spike,
        CostScope.ResourceGroup("sub-prod", "rg-batch", "Contoso Production"), new DateOnly(2026, 11, 17), new DateOnly(2026, 11, 17),
        82.40m, 494.50m, "USD",
        "+$412.10 on 17 Nov 2026: 83% from vm-worker-07, Standard_D8s_v3, 24 h instead of 8 h",
        [
            new("/subscriptions/sub-prod/resourceGroups/rg-batch/providers/Microsoft.Compute/virtualMachines/vm-worker-07", "vm-worker-07",
                "Standard_D8s_v3", "Virtual Machines", 24.10m, 366.20m, 83.01m, "24 h instead of 8 h"),
            new("/subscriptions/sub-prod/resourceGroups/rg-batch/providers/Microsoft.Compute/virtualMachines/vm-worker-08", "vm-worker-08",
                "Standard_D8s_v3", "Virtual Machines", 24.10m, 73.55m, 12.00m, "11 h instead of 8 h"),
            new("/subscriptions/sub-prod/resourceGroups/rg-batch/providers/Microsoft.Storage/storageAccounts/stbatchlogs", "stbatchlogs",
                "Hot LRS Write Operations", "Storage", 1.20m, 9.65m, 2.05m, null),
        ],
        AnomalyStatus.New, null, null, null, Detected);

    /// <summary>Bandwidth stepped up from about $10 to $35 a day on 10 Nov and stayed there: reported once, as a new level.</summary>
    public static AnomalyView Egress { get; } = new(2, AnomalyKind.LevelShift,
        CostScope.Service("Bandwidth"), new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 20),
        110.00m, 385.00m, "USD",
        "+$275.00 over 10–20 Nov 2026 (new level): 91% from agw-edge-01, Data Transfer Out, 2.1 TB instead of 0.4 TB",
        [new(null, "agw-edge-01", "Standard Data Transfer Out", "Bandwidth", 20.00m, 270.25m, 91.00m, "2.1 TB instead of 0.4 TB")],
        AnomalyStatus.Acknowledged, null, "ana@contoso.com", new DateTimeOffset(2026, 11, 21, 9, 12, 0, TimeSpan.Zero), Detected);

    /// <summary>A load test the payments team planned: marked as expected, with the note saying so.</summary>
    public static AnomalyView LoadTest { get; } = new(3, AnomalyKind.Spike,
        CostScope.Tag("team", "payments"), new DateOnly(2026, 11, 5), new DateOnly(2026, 11, 6),
        300.00m, 520.00m, "USD",
        "+$220.00 over 5–6 Nov 2026: 100% from aks-payments, Standard_D4s_v3",
        [new(null, "aks-payments", "Standard_D4s_v3", "Virtual Machines", 180.00m, 400.00m, 100.00m, "12 nodes instead of 5")],
        AnomalyStatus.Expected, "Quarter-end load test, planned with finance", "ana@contoso.com",
        new DateTimeOffset(2026, 11, 7, 8, 30, 0, TimeSpan.Zero), Detected);

    public static AnomalyView ProductionSpike { get; } = new(4, AnomalyKind.Spike,
        CostScope.Subscription("sub-prod", "Contoso Production"), new DateOnly(2026, 11, 18), new DateOnly(2026, 11, 18),
        1500.00m, 1980.00m, "USD",
        "+$480.00 on 18 Nov 2026: 70% from vmss-web, Standard_D4s_v5, 14 instances instead of 4",
        [new(null, "vmss-web", "Standard_D4s_v5", "Virtual Machines", 160.00m, 496.00m, 70.00m, "14 instances instead of 4")],
        AnomalyStatus.New, null, null, null, Detected);

    public static AnomalyView TotalSpike { get; } = new(5, AnomalyKind.Spike,
        CostScope.Total, new DateOnly(2026, 11, 12), new DateOnly(2026, 11, 12),
        1200.00m, 1350.00m, "USD",
        "+$150.00 on 12 Nov 2026: 60% from sqldb-orders, vCore, 8 vCores instead of 4",
        [new(null, "sqldb-orders", "vCore", "SQL Database", 60.00m, 150.00m, 60.00m, "8 vCores instead of 4")],
        AnomalyStatus.New, null, null, null, Detected);

    public static AnomalyView StorageSpike { get; } = new(6, AnomalyKind.Spike,
        CostScope.Service("Storage"), new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 3),
        40.00m, 95.00m, "USD",
        "+$55.00 on 3 Nov 2026: 80% from stbackups, Hot LRS Data Stored",
        [new(null, "stbackups", "Hot LRS Data Stored", "Storage", 10.00m, 54.00m, 80.00m, null)],
        AnomalyStatus.New, null, null, null, Detected);

    public static IReadOnlyList<AnomalyView> All => [BatchVm, Egress, LoadTest, ProductionSpike, TotalSpike, StorageSpike];

    /// <summary>
    /// The scope's days around an anomaly: three weeks before, the anomalous days, three after (up to the latest day). Usual
    /// days cost the expected daily level with a weekday rhythm, inside a band of ±25%; anomalous days cost the actual.
    /// </summary>
    public static IReadOnlyList<AnomalyBandPoint> Series(AnomalyView a)
    {
        var expectedDaily = Math.Round(a.Expected / a.Days, 2);
        var actualDaily = Math.Round(a.Actual / a.Days, 2);
        var points = new List<AnomalyBandPoint>();
        for (var d = a.From.AddDays(-21); d <= a.To.AddDays(3); d = d.AddDays(1))
        {
            var anomalous = d >= a.From && d <= a.To;
            var usual = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? Math.Round(expectedDaily * 0.9m, 2) : expectedDaily;
            var level = a.Kind == AnomalyKind.LevelShift && d > a.To ? actualDaily : usual;
            points.Add(new(d, anomalous ? actualDaily : level, expectedDaily, Math.Round(expectedDaily * 0.75m, 2), Math.Round(expectedDaily * 1.25m, 2), anomalous));
        }
        return points;
    }
}
