using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
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
        if (MainDriver(a.DriversJson) is { } driver) facts.Add(new AlertFact("Main driver", driver));
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

    /// <summary>
    /// New anomalies as incidents: one surge on one resource is an anomaly of its service, resource group, subscription and
    /// tags at once, and is told once. Anomalies whose main driver is the same resource (or, without drivers, that share a
    /// scope) and whose days overlap are one incident, led by its narrowest scope (a service, then a resource group, a tag,
    /// a subscription, the tenant) and, among those, its largest excess.
    /// </summary>
    public static IReadOnlyList<(DetectedAnomaly Main, IReadOnlyList<DetectedAnomaly> Others)> Incidents(IEnumerable<DetectedAnomaly> anomalies)
    {
        var groups = new List<(string Key, List<DetectedAnomaly> Items)>();
        foreach (var a in anomalies.OrderBy(a => a.From).ThenBy(a => a.Id))
        {
            var key = MainResource(a.DriversJson) is { } resource ? "resource:" + resource : $"scope:{a.ScopeKind}:{a.ScopeKey}";
            var group = groups.FirstOrDefault(g => g.Key == key && g.Items.Any(x => x.From <= a.To && a.From <= x.To));
            if (group.Items is null) groups.Add((key, [a]));
            else group.Items.Add(a);
        }
        return groups.Select(g =>
        {
            var main = g.Items.OrderBy(a => Narrowness(a.ScopeKind)).ThenByDescending(a => Math.Abs(a.Excess)).First();
            return (main, (IReadOnlyList<DetectedAnomaly>)g.Items.Where(a => !ReferenceEquals(a, main)).ToList());
        }).ToList();
    }

    private static int Narrowness(CostScopeKind kind) => kind switch
    {
        CostScopeKind.Service => 0,
        CostScopeKind.ResourceGroup => 1,
        CostScopeKind.Tag => 2,
        CostScopeKind.Subscription => 3,
        _ => 4,
    };

    /// <summary>The first driver's resource (its id lower case, or its name), read leniently; null without one.</summary>
    private static string? MainResource(string? driversJson)
    {
        if (string.IsNullOrWhiteSpace(driversJson)) return null;
        try
        {
            return JsonNode.Parse(driversJson) is JsonArray { Count: > 0 } drivers && drivers[0] is JsonObject first
                ? (Text(first, "resourceId") ?? Text(first, "resourceName"))?.ToLowerInvariant()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Key(BudgetCrossing c) => string.Create(CultureInfo.InvariantCulture,
        $"budget:{c.BudgetId}:{c.Month:yyyy-MM}:{c.Basis}:{c.ThresholdPercent}");

    /// <summary>The first driver ("vm-worker-07, Standard_D8s_v3: 83%"), read leniently from the stored JSON; null when there is none.</summary>
    public static string? MainDriver(string? driversJson)
    {
        if (string.IsNullOrWhiteSpace(driversJson)) return null;
        try
        {
            if (JsonNode.Parse(driversJson) is not JsonArray { Count: > 0 } drivers || drivers[0] is not JsonObject first) return null;
            var name = Text(first, "resourceName") ?? Text(first, "serviceName") ?? Text(first, "resourceId");
            if (name is null) return null;
            var meter = Text(first, "meter");
            var share = Number(first, "sharePercent") ?? Number(first, "share");
            return $"{name}{(meter is null ? "" : $", {meter}")}{(share is null ? "" : $": {Share(share.Value)}")}";
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonNode? Find(JsonObject o, string name) =>
        o.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Text(JsonObject o, string name) =>
        Find(o, name) is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    private static decimal? Number(JsonObject o, string name) =>
        Find(o, name) is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : null;

    private static string Share(decimal percent) => Math.Round(percent, 0, MidpointRounding.AwayFromZero).ToString("N0", CultureInfo.InvariantCulture) + "%";

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
