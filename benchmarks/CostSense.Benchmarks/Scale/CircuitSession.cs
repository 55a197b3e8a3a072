using CostSense.Benchmarks.Scale.BlazorClient;

namespace CostSense.Benchmarks.Scale;

/// <summary>
/// One signed-in session driven by the circuit client (<see cref="CircuitClient"/>): the dashboard or the compute grid,
/// stepping through the same cycle of views as a Chromium session, with the same controls and the same checks. A
/// change is timed from sending the click to the render batch after which the tree shows what only the new view's data
/// has.
/// </summary>
public sealed class CircuitSession(int number, CircuitClient client, bool dashboard, IReadOnlyList<SessionsView> cycle) : ILoadedSession
{
    private int _at;

    public int Number => number;
    public bool OnDashboard => dashboard;
    public CircuitClient Client => client;
    private SessionsView Next => cycle[(_at + 1) % cycle.Count];

    /// <summary>Waits until the session shows its first view.</summary>
    public async Task OpenAsync(TimeSpan limit, CancellationToken ct)
    {
        try
        {
            await client.WaitForAsync(view => Holds(view, cycle[0]) ? "" : null, limit, ct);
        }
        catch (TimeoutException e)
        {
            throw Broken(cycle[0], e);
        }
    }

    /// <summary>Untimed: what comes before the change (the grid's action list opened).</summary>
    public async Task PrepareAsync(CancellationToken ct)
    {
        var limit = ScaleSessions.ChangeLimit;
        if (dashboard) return;
        var select = client.Read(view => view.Select("[data-testid=filter-action]"))
            ?? throw new InvalidOperationException($"Session {number} has no action filter on the compute grid.");
        await client.ClickAsync(select, ct);
        try
        {
            await client.WaitForAsync(view => ControlOf(view, Next), limit, ct);
        }
        catch (TimeoutException e)
        {
            throw Broken(Next, e, $"its action list never opened with '{Next.Control}' in it");
        }
    }

    /// <summary>The change: a click on the next view's range button or action item; then its time in ms once the tree shows it.</summary>
    public async Task<Task<double>> ChangeAsync(CancellationToken ct)
    {
        var next = Next;
        var control = client.Read(view => ControlOf(view, next))
            ?? throw new InvalidOperationException($"Session {number} shows no '{next.Control}' to click.");
        var shown = client.WaitForAsync(view => Holds(view, next) ? "" : null, ScaleSessions.ChangeLimit, ct);
        await client.ClickAsync(control, ct);
        return MeasuredAsync(shown, next);
    }

    private async Task<double> MeasuredAsync(Task<(string, double Ms)> shown, SessionsView next)
    {
        try
        {
            var (_, ms) = await shown;
            _at = (_at + 1) % cycle.Count;
            return ms;
        }
        catch (TimeoutException e)
        {
            throw Broken(next, e);
        }
    }

    private DomElement? ControlOf(DomView view, SessionsView next) => dashboard
        ? view.Select("[data-testid=dashboard-filters]")?.Descendants().FirstOrDefault(e => e.Name == "button" && e.TextContent().Trim() == next.Control)
        : view.Elements.Where(e => e.HasClass("mud-popover-open"))
            .SelectMany(p => p.Descendants())
            .FirstOrDefault(e => e.HasClass("mud-list-item") && e.TextContent().Trim() == next.Control);

    private static bool Holds(DomView view, SessionsView expected) => expected.Checks.All(check =>
    {
        var element = view.Select(check.Selector);
        var actual = element is null ? null : check.Attribute is null ? element.TextContent().Trim() : element.Attribute(check.Attribute);
        return actual == check.Expected;
    });

    private InvalidOperationException Broken(SessionsView expected, Exception inner, string? why = null)
    {
        var shown = client.Read(view => string.Join(", ", expected.Checks.Select(c =>
        {
            var element = view.Select(c.Selector);
            return $"{c.Selector}={(element is null ? "nothing" : c.Attribute is null ? element.TextContent().Trim() : element.Attribute(c.Attribute))}";
        })));
        return new InvalidOperationException(
            $"Session {number} ({(dashboard ? "dashboard" : "compute grid")}) never showed {expected}{(why is null ? "" : $": {why}")}; it shows {shown}" +
            (client.Errors.Count > 0 ? $"; the circuit said: {string.Join(" | ", client.Errors.Take(3))}" : ""), inner);
    }
}
