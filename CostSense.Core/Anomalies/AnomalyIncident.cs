using CostSense.Core.Data.Entities;

namespace CostSense.Core.Anomalies;

/// <summary>
/// One incident seen at several scopes: a surge on one resource is an anomaly of its service, its resource group, its
/// subscription and its tags at once. <see cref="Main"/> is the narrowest scope that shows it (a service before a
/// resource group, a tag, a subscription and the tenant), <see cref="All"/> every anomaly of it.
/// </summary>
public sealed record AnomalyIncident(AnomalyView Main, IReadOnlyList<AnomalyView> All)
{
    public DateOnly From => All.Min(a => a.From);
    public DateOnly To => All.Max(a => a.To);

    /// <summary>Anomalies grouped by their main driver (or, without drivers, their scope) and overlapping days, largest excess first.</summary>
    public static IReadOnlyList<AnomalyIncident> Group(IEnumerable<AnomalyView> anomalies)
    {
        var groups = new List<(string Key, List<AnomalyView> Items)>();
        foreach (var a in anomalies.OrderBy(a => a.From).ThenBy(a => a.Id))
        {
            var key = Key(a);
            var group = groups.FirstOrDefault(g => g.Key == key && g.Items.Any(x => x.From <= a.To && a.From <= x.To));
            if (group.Items is null) groups.Add((key, [a]));
            else group.Items.Add(a);
        }
        return groups.Select(g => new AnomalyIncident(g.Items.OrderBy(a => Rank(a.Scope.Kind)).ThenByDescending(a => Math.Abs(a.Excess)).First(), g.Items))
            .OrderByDescending(i => Math.Abs(i.Main.Excess)).ThenBy(i => i.From).ToList();
    }

    /// <summary>The main driver's resource (or the scope when none was named).</summary>
    public static string Key(AnomalyView a) => a.Drivers.FirstOrDefault() is { } d
        ? "resource:" + (d.ResourceId ?? d.ResourceName).ToLowerInvariant()
        : $"scope:{a.Scope.Kind}:{a.Scope.Key}";

    private static int Rank(CostScopeKind kind) => kind switch
    {
        CostScopeKind.Service => 0,
        CostScopeKind.ResourceGroup => 1,
        CostScopeKind.Tag => 2,
        CostScopeKind.Subscription => 3,
        _ => 4,
    };
}
