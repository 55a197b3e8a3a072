using Microsoft.Playwright;

namespace CostSense.Benchmarks.Scale;

/// <summary>
/// One signed-in session: a browser context of its own (so a circuit of its own) on the dashboard or the compute grid,
/// stepping through its cycle of views. A change is timed inside the page, from the click's pointerdown to the moment
/// the DOM shows what only the new view's data has (a MutationObserver), so neither Playwright's round trips nor its
/// polling are in the figure.
/// </summary>
public sealed class SessionsPage(int number, IPage page, bool dashboard, IReadOnlyList<SessionsView> cycle) : ILoadedSession
{
    // Arms the timer: resolves with the ms from the first pointerdown/click to all checks holding, or rejects after
    // the time limit with what the elements showed.
    private const string ArmScript = """
        ({ checks, limit }) => {
          const read = c => {
            const el = document.querySelector(c.selector);
            if (!el) return null;
            return c.attribute ? el.getAttribute(c.attribute) : el.textContent.trim();
          };
          const holds = () => checks.every(c => read(c) === c.expected);
          window.__costsenseChange = new Promise((resolve, reject) => {
            let start = null;
            const begin = () => { if (start === null) { start = performance.now(); check(); } };
            const check = () => {
              if (start === null || !holds()) return;
              observer.disconnect();
              clearTimeout(timer);
              resolve(performance.now() - start);
            };
            const observer = new MutationObserver(check);
            observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
            document.addEventListener('pointerdown', begin, { capture: true, once: true });
            document.addEventListener('click', begin, { capture: true, once: true });
            const timer = setTimeout(() => {
              observer.disconnect();
              reject(new Error('showed ' + checks.map(c => c.selector + '=' + JSON.stringify(read(c))).join(', ')));
            }, limit);
          });
          return true;
        }
        """;

    // Fifty pages opening at once on two cores take a while; a page that shows nothing for this long is broken.
    private const float OpenTimeoutMs = 120_000;

    private int _at;

    public int Number => number;
    public bool OnDashboard => dashboard;
    public IPage Page => page;
    private SessionsView Next => cycle[(_at + 1) % cycle.Count];

    /// <summary>Opens the page and waits until its circuit is live and it shows its first view.</summary>
    public async Task OpenAsync(Uri baseAddress)
    {
        await page.GotoAsync(new Uri(baseAddress, dashboard ? "/" : "/compute").ToString());
        await page.Locator("[data-circuit=live]").WaitForAsync();
        await WaitForAsync(cycle[0]);
    }

    /// <summary>Untimed: what comes before the change itself (the grid's action list opened); then the timer armed.</summary>
    public async Task PrepareAsync(CancellationToken ct)
    {
        var limit = ScaleSessions.ChangeLimit;
        if (!dashboard)
        {
            await page.Locator("[data-testid=filter-action]").ClickAsync();
            await ControlOf(Next).WaitForAsync();
        }
        await page.EvaluateAsync(ArmScript, new
        {
            checks = Next.Checks.Select(c => new { selector = c.Selector, attribute = c.Attribute, expected = c.Expected }).ToArray(),
            limit = limit.TotalMilliseconds,
        });
    }

    /// <summary>The change: a click on the next view's range button or action item; then its time in ms, read in the page.</summary>
    public async Task<Task<double>> ChangeAsync(CancellationToken ct)
    {
        await ControlOf(Next).ClickAsync();
        return MeasuredAsync();
    }

    /// <summary>The change's time in ms, once the page shows the new view's data; throws when it never does.</summary>
    private async Task<double> MeasuredAsync()
    {
        try
        {
            var ms = await page.EvaluateAsync<double>("() => window.__costsenseChange");
            _at = (_at + 1) % cycle.Count;
            return ms;
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"Session {number} ({(dashboard ? "dashboard" : "compute grid")}) never showed {Next}: {e.Message.Split('\n')[0]}", e);
        }
    }

    private ILocator ControlOf(SessionsView view) => dashboard
        ? page.Locator("[data-testid=dashboard-filters] button").GetByText(view.Control, new() { Exact = true })
        : page.Locator(".mud-popover-open .mud-list-item").GetByText(view.Control, new() { Exact = true });

    private async Task WaitForAsync(SessionsView view)
    {
        foreach (var check in view.Checks)
        {
            var element = page.Locator(check.Selector).First;
            if (check.Attribute is null) await Assertions.Expect(element).ToHaveTextAsync(check.Expected, new() { Timeout = OpenTimeoutMs });
            else await Assertions.Expect(element).ToHaveAttributeAsync(check.Attribute, check.Expected, new() { Timeout = OpenTimeoutMs });
        }
    }
}
