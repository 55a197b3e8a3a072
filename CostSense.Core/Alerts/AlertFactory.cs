using System.Globalization;
using CostSense.Core.Anomalies;
using CostSense.Core.Data.Entities;
using CostSense.Core.Money;
using CostSense.Core.Notifications;

namespace CostSense.Core.Alerts;

/// <summary>Turns a new anomaly or a budget crossing into the <see cref="Alert"/> every channel formats.</summary>
public static class AlertFactory
{
    /// <summary>
    /// "anomaly:{fingerprint}": a title with the scope and the excess, the anomaly's summary, and its figures; with
    /// <paramref name="alsoAt"/>, the other scopes the same incident shows at (one message per incident, not per scope).
    /// </summary>
    public static Alert Anomaly(DetectedAnomaly a, IEnumerable<DetectedAnomaly>? alsoAt = null)
    {
        var excess = (a.Excess >= 0 ? "+" : "") + MoneyFormat.Format(a.Excess, a.Currency);
        var title = a.Kind == AnomalyKind.LevelShift
            ? $"New cost level at {a.ScopeName}: {excess}"
            : $"Cost spike at {a.ScopeName}: {excess}";
        var facts = new List<AlertFact>
        {
            new("Scope", a.ScopeName),
            new("Days", a.From == a.To ? Day(a.From) : $"{Day(a.From)} to {Day(a.To)}"),
            new("Expected", MoneyFormat.Format(a.Expected, a.Currency)),
            new("Actual", MoneyFormat.Format(a.Actual, a.Currency)),
            new("Excess", excess),
        };
        if (MainDriver(a) is { } driver) facts.Add(new AlertFact("Main driver", driver));
        var others = (alsoAt ?? []).Select(o => o.ScopeName).Distinct(StringComparer.Ordinal).ToList();
        if (others.Count > 0) facts.Add(new AlertFact("Also seen at", string.Join("; ", others)));
        return new Alert($"anomaly:{a.Fingerprint}", AlertKind.Anomaly, title, a.Summary, a.Excess, a.Currency, facts,
            $"anomalies?id={a.Id.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>"budget:{budget}:{yyyy-MM}:{basis}:{percent}": which budget, which threshold of which month, against what.</summary>
    public static Alert Crossing(BudgetCrossing c, Budget? budget)
    {
        var month = c.Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        var amount = MoneyFormat.Format(c.Amount, c.Currency);
        var limit = MoneyFormat.Format(c.BudgetAmount, c.Currency);
        var share = c.BudgetAmount == 0 ? "" : $" ({Share(c.Amount / c.BudgetAmount * 100m)} of it)";
        var scope = budget?.ScopeName;
        var (title, text) = c.Basis == BudgetBasis.Forecast
            ? ($"Budget \"{c.BudgetName}\" is forecast to pass {c.ThresholdPercent}% in {month}",
               $"The forecast to the end of {month}, {amount}, reaches {c.ThresholdPercent}% of the {limit} budget{share}{(scope is null ? "" : $" for {scope}")}.")
            : ($"Budget \"{c.BudgetName}\" passed {c.ThresholdPercent}% in {month}",
               $"The cost of {month} so far, {amount}, reaches {c.ThresholdPercent}% of the {limit} budget{share}{(scope is null ? "" : $" for {scope}")}.");
        var facts = new List<AlertFact> { new("Budget", c.BudgetName) };
        if (scope is not null) facts.Add(new AlertFact("Scope", scope));
        facts.Add(new AlertFact("Month", month));
        facts.Add(new AlertFact("Threshold", $"{c.ThresholdPercent}% of {(c.Basis == BudgetBasis.Forecast ? "forecast" : "actual")}"));
        facts.Add(new AlertFact("Budget amount", limit));
        facts.Add(new AlertFact(c.Basis == BudgetBasis.Forecast ? "Forecast" : "Actual", amount));
        facts.Add(new AlertFact("As of", Day(c.AsOf)));
        return new Alert(Key(c), AlertKind.BudgetCrossing, title, text, c.Amount, c.Currency, facts, "budgets");
    }

    public static string Key(BudgetCrossing c) => string.Create(CultureInfo.InvariantCulture,
        $"budget:{c.BudgetId}:{c.Month:yyyy-MM}:{c.Basis}:{c.ThresholdPercent}");

    /// <summary>The main driver as a fact: "vm-worker-07, Standard_D8s_v3: 83%"; null when none was named.</summary>
    private static string? MainDriver(DetectedAnomaly a) => AnomalyView.Of(a).Drivers.FirstOrDefault() is { } d
        ? $"{d.ResourceName}{(string.IsNullOrWhiteSpace(d.Meter) ? "" : $", {d.Meter}")}: {Share(d.SharePercent)}"
        : null;

    private static string Share(decimal percent) => Math.Round(percent, 0, MidpointRounding.AwayFromZero).ToString("N0", CultureInfo.InvariantCulture) + "%";

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
