using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;
using CostSense.Core.Money;
using CostSense.Core.Recommendations;
using CostSense.Web.Components.Pages.Dashboard;
using CostSense.Web.Components.Pages.Recommendations;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Benchmarks.Scale;

/// <summary>One thing a page element must show (its text, or an attribute's value) for a view to be on screen.</summary>
public sealed record SessionsCheck(string Selector, string? Attribute, string Expected);

/// <summary>
/// A view a session changes to: the control to click (a dashboard range button, a grid action filter item) and what
/// only that view's data shows, read from the store beforehand by a cache-less host, as the page would render it.
/// </summary>
public sealed record SessionsView(string Control, IReadOnlyList<SessionsCheck> Checks)
{
    public override string ToString() => $"'{Control}' ({string.Join(", ", Checks.Select(c => $"{c.Selector}{(c.Attribute is null ? "" : "@" + c.Attribute)} = {c.Expected}"))})";

    /// <summary>
    /// The dashboard's date presets as a cycle starting at the one it opens on (month to date), each showing a range total
    /// different from the one before it (a small tenant's 90 days and 12 months are the same data, so one is left out).
    /// </summary>
    public static async Task<IReadOnlyList<SessionsView>> DashboardCycleAsync(IServiceProvider store, CancellationToken ct)
    {
        var dashboards = store.GetRequiredService<IDashboardService>();
        var latest = await dashboards.LatestDataDateAsync(ct) ?? throw new InvalidOperationException("The large tenant has no cost data.");
        var views = new List<SessionsView>();
        foreach (var preset in DatePreset.All)
        {
            var s = await dashboards.GetAsync(preset.ToFilter(latest, null), ct);
            views.Add(new SessionsView(preset.Name, [new("[data-testid=range-total]", null, MoneyFormat.Format(s.RangeTotal, s.Currency))]));
        }
        return Cycle(views, "dashboard ranges");
    }

    /// <summary>
    /// The compute grid's action filter as a cycle starting at All (what it opens on): All and each action with
    /// recommendations, told apart by the count above the grid and the first row's id.
    /// </summary>
    public static async Task<IReadOnlyList<SessionsView>> GridCycleAsync(IServiceProvider store, CancellationToken ct)
    {
        var recommendations = store.GetRequiredService<IRecommendationService>();
        var views = new List<SessionsView>();
        foreach (var action in new RecommendationAction?[] { null }.Concat(RecommendationText.ActionsFor(RecommendationKind.Compute).Cast<RecommendationAction?>()))
        {
            var page = await recommendations.QueryAsync(new RecommendationFilter { Action = action }.ToQuery(RecommendationKind.Compute), ct);
            if (page.TotalCount == 0) continue;
            views.Add(new SessionsView(action is { } a ? RecommendationText.Action(a) : "All",
            [
                new("[data-testid=rec-count]", null, RecommendationText.Count(page.TotalCount)),
                new("[data-testid=rec-row]", "data-rec-id", page.Items[0].Id),
            ]));
        }
        return Cycle(views, "compute grid actions");
    }

    private static List<SessionsView> Cycle(List<SessionsView> views, string what)
    {
        var cycle = new List<SessionsView>();
        foreach (var view in views)
            if (cycle.Count == 0 || !Same(cycle[^1], view)) cycle.Add(view);
        while (cycle.Count > 1 && Same(cycle[^1], cycle[0])) cycle.RemoveAt(cycle.Count - 1);
        if (cycle.Count < 2)
            throw new InvalidOperationException($"The large tenant's {what} all show the same data, so a change could not be seen: {string.Join("; ", views)}");
        return cycle;
    }

    private static bool Same(SessionsView a, SessionsView b) => a.Checks.SequenceEqual(b.Checks);
}
