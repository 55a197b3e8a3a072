using CostSense.Core.Access;

namespace CostSense.Benchmarks.Scale;

/// <summary>
/// Concurrent signed-in sessions on the large tenant: the whole web app on Kestrel in this process, Debian's headless
/// Chromium with one browser context per session (half on the dashboard, half on the compute grid), signed in once
/// through the real form. Each change is timed in its page from the click to the DOM showing what only the new data has;
/// the server's share is timed by a circuit handler of this host's own. Two loads: paced — every session changes its
/// filter once every <see cref="PaceWindow"/>, one after another, N analysts at work (the target's figure) — and a burst
/// — every session at the same moment, round after round (a stress figure: N changes queue for two cores). Then the server's memory per idle circuit: the managed heap after a full
/// collection (and the working set) with no circuits against N open ones, divided by N. It throws when a session never
/// shows its new data or the server does not hold N circuits, so a broken page cannot pass as a fast one.
/// </summary>
public static class ScaleSessions
{
    private const string Email = "analyst@sessions.scale";
    // The load and the targets, shared with the circuit client's run (ScaleCircuits) so the two figures compare.
    internal const double TargetP95Ms = 300;
    internal const double AimBytesPerCircuit = 1024 * 1024;
    internal const int OpeningAtOnce = 5;

    /// <summary>Paced load: each session changes its filter once in this window, the sessions evenly spread over it.</summary>
    internal static readonly TimeSpan PaceWindow = TimeSpan.FromSeconds(10);

    /// <summary>The longest a change may take before the session counts as broken (not as slow).</summary>
    internal static readonly TimeSpan ChangeLimit = TimeSpan.FromSeconds(60);

    internal static readonly TimeSpan CircuitWait = TimeSpan.FromSeconds(60);

    /// <summary>Rounds of each load: three at the test suite's two sessions, six at fifty.</summary>
    internal static int Rounds(int sessions) => sessions <= 2 ? 3 : 6;

    public static async Task RunAsync(ScaleContext context, CancellationToken ct)
    {
        var report = context.Report;
        var n = context.Size.Sessions;
        var rounds = Rounds(n);
        report.Say($"sessions: {n} signed-in Chromium sessions (half dashboard, half compute grid), {rounds} paced rounds of filter changes, then {rounds} simultaneous");

        // What each view shows, read by a host without the cache, so the app's cache starts as cold as it would.
        var store = context.Tenant.Open(new Dictionary<string, string?> { ["CostSense:Cache:Enabled"] = "false" });
        var dashboardCycle = await SessionsView.DashboardCycleAsync(store, ct);
        var gridCycle = await SessionsView.GridCycleAsync(store, ct);

        await using var web = await SessionsWebApp.StartAsync(context.Tenant, ct);
        await web.CreateUserAsync(Email, AppRoles.Analyst);
        await using var browser = await SessionsBrowser.LaunchAsync();
        await browser.SignInAsync(web.BaseAddress, Email, SessionsWebApp.Password);

        // One page of each kind opened and closed first: JIT, MudBlazor's first renders and the first queries are the
        // process's, not a circuit's. Then nothing open is the baseline.
        foreach (var onDashboard in new[] { true, false })
        {
            var warm = new SessionsPage(0, await browser.NewSignedInPageAsync(), onDashboard, onDashboard ? dashboardCycle : gridCycle);
            await warm.OpenAsync(web.BaseAddress);
            await SettleAsync(ct);
            await warm.Page.Context.CloseAsync();
        }
        await web.Circuits.WaitUntilAsync((open, _) => open == 0, "no circuits once the warm-up pages closed", CircuitWait, ct);
        var none = SessionsWebApp.Memory();

        var sessions = await OpenAsync(browser, web.BaseAddress, n, dashboardCycle, gridCycle, ct);
        await web.Circuits.WaitUntilAsync((open, connected) => open == n && connected == n, $"{n} circuits open and connected", CircuitWait, ct);
        // The cards that load on their own (savings, anomalies, budgets, showback) finish before the circuits count as idle.
        await SettleAsync(ct);
        var idle = SessionsWebApp.Memory();
        if (web.Circuits.Open != n) throw new InvalidOperationException($"{n} sessions are open but the server holds {web.Circuits.Open} circuits.");
        // Each figure is reported as soon as it is measured, so a later stress round that breaks does not lose it.
        var postgres = context.Tenant.IsPostgres;
        var heapPer = (idle.Heap - none.Heap) / (double)n;
        var workingSetPer = (idle.WorkingSet - none.WorkingSet) / (double)n;
        report.Add(new ScaleFigure("Server memory per idle circuit (Chromium sessions)", "aim ≤ 1 MB",
            $"{Mb(heapPer):N2} MB managed heap, {Mb(workingSetPer):N2} MB working set ({n} circuits; heap {Mb(none.Heap):N0} MB with none)",
            Met: postgres ? heapPer <= AimBytesPerCircuit : null));

        // Paced first (the target's figure, taken before the stress rounds can leave anything behind).
        var paced = await SessionsLoad.PacedAsync(sessions, rounds, report, ct);
        report.Add(SessionsLoad.PacedFigure("Chromium sessions", paced, rounds, n, postgres));
        var burst = await SessionsLoad.BurstAsync(sessions, rounds, web.Circuits, report, ct);
        if (web.Circuits.Open != n) throw new InvalidOperationException($"After the changes the server holds {web.Circuits.Open} circuits, not {n}.");
        var used = SessionsWebApp.Memory();

        await SettleAsync(ct);
        foreach (var session in sessions) await session.Page.Context.CloseAsync();
        await web.Circuits.WaitUntilAsync((open, _) => open == 0, "no circuits once every session closed", CircuitWait, ct);
        var closed = SessionsWebApp.Memory();

        var changes = burst.Changes.Count;
        report.Add(SessionsLoad.BurstFigure("Chromium sessions", burst, rounds, n,
            $"server {burst.Cpu.Server.TotalMilliseconds / changes:N0} ms, Chromium {burst.Cpu.Browser.TotalMilliseconds / changes:N0} ms " +
            $"({burst.Cpu.Server.TotalSeconds:N1} s and {burst.Cpu.Browser.TotalSeconds:N1} s in {burst.Wall.TotalSeconds:N1} s on {Environment.ProcessorCount} cores)"));

        report.Say($"  memory after the changes: {Mb((used.Heap - none.Heap) / (double)n):N2} MB a circuit; all closed: heap {Mb(closed.Heap - none.Heap):+0.0;-0.0} MB against none");
    }

    /// <summary>Opens the sessions a few at a time (two cores), alternating dashboard and grid; each is live and showing data.</summary>
    private static async Task<List<SessionsPage>> OpenAsync(SessionsBrowser browser, Uri baseAddress, int n,
        IReadOnlyList<SessionsView> dashboardCycle, IReadOnlyList<SessionsView> gridCycle, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(OpeningAtOnce);
        var opening = Enumerable.Range(1, n).Select(async number =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var onDashboard = number % 2 == 1;
                var session = new SessionsPage(number, await browser.NewSignedInPageAsync(), onDashboard, onDashboard ? dashboardCycle : gridCycle);
                await session.OpenAsync(baseAddress);
                return session;
            }
            finally
            {
                gate.Release();
            }
        });
        return [.. await Task.WhenAll(opening)];
    }

    /// <summary>
    /// A pause for what a page does after its data shows (cards loading on their own, the chart's interop after its
    /// render): a page closed in the middle of it only logs the interop call it cut off.
    /// </summary>
    internal static Task SettleAsync(CancellationToken ct) => Task.Delay(TimeSpan.FromSeconds(3), ct);


    internal static double Mb(double bytes) => bytes / (1024 * 1024);

    /// <summary>Nearest-rank percentile; 0 for no samples.</summary>
    internal static double Percentile(IEnumerable<double> samples, double q)
    {
        var sorted = samples.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
