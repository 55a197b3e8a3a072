using CostSense.Core.Data.Entities;
using CostSense.Core.Money;

namespace CostSense.Core.Anomalies;

/// <summary>
/// The one line the page, the dashboard card and the alerts show: "+$412.10 on 2026-11-17: 83% from vm-worker-07,
/// Standard_D8s_v3, 24 h instead of 8 h"; a new level reads "-$8.10 a day since 2026-10-01 (a new level): …".
/// </summary>
public static class AnomalySummary
{
    public static string Line(AnomalyRun run, IReadOnlyList<AnomalyDriver> drivers, string currency)
    {
        var head = run.Kind == AnomalyKind.LevelShift
            ? $"{Signed(run.Excess / run.Days, currency)} a day since {run.From:yyyy-MM-dd} (a new level)"
            : run.From == run.To
                ? $"{Signed(run.Excess, currency)} on {run.From:yyyy-MM-dd}"
                : $"{Signed(run.Excess, currency)} on {run.From:yyyy-MM-dd} – {run.To:yyyy-MM-dd}";
        if (drivers.Count == 0) return head;
        var top = drivers[0];
        var parts = new List<string> { $"{Math.Round(top.SharePercent, 0):0}% from {top.ResourceName}" };
        if (!string.IsNullOrWhiteSpace(top.Meter)) parts.Add(top.Meter);
        if (!string.IsNullOrWhiteSpace(top.Detail)) parts.Add(top.Detail);
        return $"{head}: {string.Join(", ", parts)}";
    }

    private static string Signed(decimal amount, string currency) => (amount > 0 ? "+" : "") + MoneyFormat.Format(amount, currency);
}
