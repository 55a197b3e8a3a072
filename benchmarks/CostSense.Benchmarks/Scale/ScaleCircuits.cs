using CostSense.Benchmarks.Scale.BlazorClient;
using CostSense.Core.Access;

namespace CostSense.Benchmarks.Scale;

/// <summary>
/// Concurrent signed-in sessions driven by a Blazor circuit client (<see cref="CircuitClient"/>) instead of browsers:
/// the whole web app on Kestrel in this process, each session a circuit of its own over WebSockets, signed in once
/// through the real form, half on the dashboard and half on the compute grid, clicking the same controls as the Chromium
/// sessions and checking the same data. Without browsers sharing the two cores, the figure is what the server gives 50
/// analysts: the same two loads as <see cref="ScaleSessions"/> (paced, the target's figure; and every session at once),
/// the server's own handling of each change, and its memory per idle circuit. It throws when a session never shows its
/// new data or the server does not hold N circuits.
/// </summary>
public static class ScaleCircuits
{
    private const string Email = "analyst@circuits.scale";
    private const double AimBytesPerCircuit = ScaleSessions.AimBytesPerCircuit;
    private const int OpeningAtOnce = ScaleSessions.OpeningAtOnce;
    private static readonly TimeSpan CircuitWait = ScaleSessions.CircuitWait;
    private static readonly TimeSpan OpenLimit = TimeSpan.FromSeconds(120);

    public static async Task RunAsync(ScaleContext context, CancellationToken ct)
    {
        var report = context.Report;
        var n = context.Size.Sessions;
        var rounds = ScaleSessions.Rounds(n);
        report.Say($"circuits: {n} signed-in sessions on a Blazor circuit client (half dashboard, half compute grid), {rounds} paced rounds of filter changes, then {rounds} simultaneous");

        var store = context.Tenant.Open(new Dictionary<string, string?> { ["CostSense:Cache:Enabled"] = "false" });
        var dashboardCycle = await SessionsView.DashboardCycleAsync(store, ct);
        var gridCycle = await SessionsView.GridCycleAsync(store, ct);

        await using var web = await SessionsWebApp.StartAsync(context.Tenant, ct);
        await web.CreateUserAsync(Email, AppRoles.Analyst);
        using var http = CircuitSignIn.NewHttpClient(web.BaseAddress);
        var cookies = await CircuitSignIn.SignInAsync(http, Email, SessionsWebApp.Password, ct);

        // One session of each kind first, so JIT and the first queries are the process's, not a circuit's.
        foreach (var onDashboard in new[] { true, false })
        {
            var warm = await OpenAsync(http, cookies, 0, onDashboard, onDashboard ? dashboardCycle : gridCycle, ct);
            await ScaleSessions.SettleAsync(ct);
            await warm.Client.DisposeAsync();
        }
        await web.Circuits.WaitUntilAsync((open, _) => open == 0, "no circuits once the warm-up sessions closed", CircuitWait, ct);
        var none = SessionsWebApp.Memory();

        var sessions = new List<CircuitSession>();
        try
        {
            foreach (var onDashboard in new[] { true, false })
                using (var gate = new SemaphoreSlim(OpeningAtOnce))
                    sessions.AddRange(await Task.WhenAll(Enumerable.Range(1, n).Where(number => number % 2 == 1 == onDashboard).Select(async number =>
                    {
                        await gate.WaitAsync(ct);
                        try
                        {
                            return await OpenAsync(http, cookies, number, onDashboard, onDashboard ? dashboardCycle : gridCycle, ct);
                        }
                        finally
                        {
                            gate.Release();
                        }
                    })));
            sessions.Sort((a, b) => a.Number.CompareTo(b.Number));
            await web.Circuits.WaitUntilAsync((open, connected) => open == n && connected == n, $"{n} circuits open and connected", CircuitWait, ct);
            await ScaleSessions.SettleAsync(ct);
            var postgres = context.Tenant.IsPostgres;

            var paced = await SessionsLoad.PacedAsync(sessions, rounds, report, ct);
            report.Add(SessionsLoad.PacedFigure("sessions (circuit client)", paced, rounds, n, postgres));
            var burst = await SessionsLoad.BurstAsync(sessions, rounds, web.Circuits, report, ct);
            if (web.Circuits.Open != n) throw new InvalidOperationException($"After the changes the server holds {web.Circuits.Open} circuits, not {n}.");
            // A reply the client gave to an interop call that a component could not use would show here, not as a slow change.
            if (sessions.FirstOrDefault(s => s.Client.Errors.Count > 0) is { } failing)
                throw new InvalidOperationException($"Session {failing.Number}'s circuit reported: {string.Join(" | ", failing.Client.Errors.Take(3))}");
            report.Add(SessionsLoad.BurstFigure("sessions (circuit client)", burst, rounds, n,
                $"{burst.Cpu.Server.TotalMilliseconds / burst.Changes.Count:N0} ms in this process (server and client; {burst.Cpu.Server.TotalSeconds:N1} s in {burst.Wall.TotalSeconds:N1} s on {Environment.ProcessorCount} cores)"));
            await ReportMemoryAsync(web, sessions, none.Heap, report, postgres, ct);
            var calls = sessions.SelectMany(s => s.Client.InteropCalls).GroupBy(c => c.Key).Select(g => $"{g.Key} ×{g.Sum(c => c.Value)}");
            report.Say($"  interop the pages asked of a browser: {string.Join(", ", calls)}");
        }
        finally
        {
            foreach (var session in sessions) await session.Client.DisposeAsync();
        }
        await web.Circuits.WaitUntilAsync((open, _) => open == 0, "no circuits once every session closed", CircuitWait, ct);
    }

    /// <summary>
    /// The server's memory per idle circuit, the clients' trees released first (they live in this process): the heap with
    /// every circuit open, then with the grids' closed, then with none, so a dashboard's and a grid's show apart. What
    /// stays of a client is its connection, so the figure is the circuit's and a little more.
    /// </summary>
    private static async Task ReportMemoryAsync(SessionsWebApp web, List<CircuitSession> sessions, long noneHeap, ScaleReport report, bool postgres, CancellationToken ct)
    {
        foreach (var session in sessions) session.Client.ReleaseTree();
        await ScaleSessions.SettleAsync(ct);
        var all = SessionsWebApp.Memory();
        var dashboards = sessions.Where(s => s.OnDashboard).ToList();
        foreach (var grid in sessions.Where(s => !s.OnDashboard)) await grid.Client.DisposeAsync();
        await web.Circuits.WaitUntilAsync((open, _) => open == dashboards.Count, $"{dashboards.Count} dashboard circuits once the grids closed", CircuitWait, ct);
        var dashboardsOnly = SessionsWebApp.Memory().Heap;
        foreach (var dashboard in dashboards) await dashboard.Client.DisposeAsync();
        await web.Circuits.WaitUntilAsync((open, _) => open == 0, "no circuits once every session closed", CircuitWait, ct);
        var none = Math.Min(noneHeap, SessionsWebApp.Memory().Heap);
        var n = sessions.Count;
        var per = (all.Heap - none) / (double)n;
        report.Add(new ScaleFigure("Server memory per idle circuit (circuit client, its trees released)", "aim ≤ 1 MB",
            $"{ScaleSessions.Mb(per):N2} MB managed heap ({n} circuits; heap {ScaleSessions.Mb(none):N0} MB with none)",
            Met: postgres ? per <= AimBytesPerCircuit : null,
            Note: $"a dashboard's {ScaleSessions.Mb((dashboardsOnly - none) / (double)dashboards.Count):N2} MB, a grid's {ScaleSessions.Mb((all.Heap - dashboardsOnly) / (double)(n - dashboards.Count)):N2} MB; each with the client's connection"));
    }

    private static async Task<CircuitSession> OpenAsync(HttpClient http, CircuitSignIn cookies, int number, bool onDashboard,
        IReadOnlyList<SessionsView> cycle, CancellationToken ct)
    {
        var client = await CircuitClient.OpenAsync(http, cookies, onDashboard ? "/" : "/compute", ct);
        var session = new CircuitSession(number, client, onDashboard, cycle);
        try
        {
            await session.OpenAsync(OpenLimit, ct);
            return session;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }
}
