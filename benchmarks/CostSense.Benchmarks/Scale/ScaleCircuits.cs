using System.Diagnostics;
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
    private const double TargetP95Ms = 300;
    private const double AimBytesPerCircuit = 1024 * 1024;
    private const int OpeningAtOnce = 5;
    private static readonly TimeSpan PaceWindow = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ChangeLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan OpenLimit = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan CircuitWait = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(ScaleContext context, CancellationToken ct)
    {
        var report = context.Report;
        var n = context.Size.Sessions;
        var rounds = n <= 2 ? 3 : 6;
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
            // The dashboards first, then the grids, the heap read after each: what a circuit of each kind holds.
            var numbers = Enumerable.Range(1, n).ToLookup(number => number % 2 == 1);
            var heaps = new List<long>();
            foreach (var onDashboard in new[] { true, false })
            {
                using (var gate = new SemaphoreSlim(OpeningAtOnce))
                    sessions.AddRange(await Task.WhenAll(numbers[onDashboard].Select(async number =>
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
                var opened = sessions.Count;
                await web.Circuits.WaitUntilAsync((open, connected) => open == opened && connected == opened, $"{opened} circuits open and connected", CircuitWait, ct);
                // The cards that load on their own (savings, anomalies, budgets, showback) finish before the circuits count as idle.
                await ScaleSessions.SettleAsync(ct);
                heaps.Add(SessionsWebApp.Memory().Heap);
            }
            sessions.Sort((a, b) => a.Number.CompareTo(b.Number));
            var idle = SessionsWebApp.Memory();
            var postgres = context.Tenant.IsPostgres;
            var heapPer = (idle.Heap - none.Heap) / (double)n;
            var dashboards = numbers[true].Count();
            report.Add(new ScaleFigure("Server memory per idle circuit (circuit client)", "aim ≤ 1 MB",
                $"{ScaleSessions.Mb(heapPer):N2} MB managed heap, {ScaleSessions.Mb((idle.WorkingSet - none.WorkingSet) / (double)n):N2} MB working set ({n} circuits; heap {ScaleSessions.Mb(none.Heap):N0} MB with none)",
                Met: postgres ? heapPer <= AimBytesPerCircuit : null,
                Note: $"a dashboard's {ScaleSessions.Mb((heaps[0] - none.Heap) / (double)dashboards):N2} MB, a grid's {ScaleSessions.Mb((heaps[1] - heaps[0]) / (double)(n - dashboards)):N2} MB"));

            var paced = new List<(bool Dashboard, double Ms)>();
            for (var round = 0; round < rounds; round++)
            {
                var pending = new List<Task<double>>();
                foreach (var session in sessions)
                {
                    var next = Task.Delay(PaceWindow / n, ct);
                    await session.PrepareAsync(ChangeLimit, ct);
                    pending.Add(session.ChangeAsync(ChangeLimit, ct));
                    await next;
                }
                var gc = (Gen2: GC.CollectionCount(2), Pause: GC.GetTotalPauseDuration());
                var measured = await Task.WhenAll(pending);
                paced.AddRange(sessions.Zip(measured, (s, ms) => (s.OnDashboard, ms)));
                report.Say($"  paced round {round + 1}: p50 {ScaleSessions.Percentile(measured, 0.5):N0} ms, max {measured.Max():N0} ms; " +
                           string.Join("; ", sessions.Zip(measured).GroupBy(x => x.First.Showing).Select(g => $"{g.Key} p50 {ScaleSessions.Percentile(g.Select(x => x.Second), 0.5):N0} max {g.Max(x => x.Second):N0}")) +
                           $"; gen2 {GC.CollectionCount(2) - gc.Gen2}, GC pauses {(GC.GetTotalPauseDuration() - gc.Pause).TotalMilliseconds:N0} ms");
            }
            var steady = paced.Select(c => c.Ms).ToList();
            var p95 = ScaleSessions.Percentile(steady, 0.95);
            report.Add(new ScaleFigure($"Filter change, {n} concurrent sessions (circuit client), each changing a filter every {PaceWindow.TotalSeconds:N0} s", "p95 ≤ 300 ms",
                $"p50 {ScaleSessions.Percentile(steady, 0.5):N0} ms, p95 {p95:N0} ms, max {steady.Max():N0} ms ({rounds} rounds × {n} sessions)",
                Met: postgres ? p95 <= TargetP95Ms : null,
                Note: $"p95 dashboard {ScaleSessions.Percentile(paced.Where(c => c.Dashboard).Select(c => c.Ms), 0.95):N0} ms, grid {ScaleSessions.Percentile(paced.Where(c => !c.Dashboard).Select(c => c.Ms), 0.95):N0} ms"));

            var changes = new List<(bool Dashboard, double Ms)>();
            var server = new List<double>();
            var cpu = TimeSpan.Zero;
            var wall = TimeSpan.Zero;
            for (var round = 0; round < rounds; round++)
            {
                await Task.WhenAll(sessions.Select(s => s.PrepareAsync(ChangeLimit, ct)));
                var stopRecording = web.Circuits.Record();
                var cpuBefore = SessionsCpu.Now().Server;
                var clock = Stopwatch.StartNew();
                var measured = await Task.WhenAll(sessions.Select(s => s.ChangeAsync(ChangeLimit, ct)));
                wall += clock.Elapsed;
                cpu += SessionsCpu.Now().Server - cpuBefore;
                await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
                server.AddRange(stopRecording());
                changes.AddRange(sessions.Zip(measured, (s, ms) => (s.OnDashboard, ms)));
                report.Say($"  round {round + 1}: p50 {ScaleSessions.Percentile(measured, 0.5):N0} ms, max {measured.Max():N0} ms");
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }
            if (web.Circuits.Open != n) throw new InvalidOperationException($"After the changes the server holds {web.Circuits.Open} circuits, not {n}.");
            // A reply the client gave to an interop call that a component could not use would show here, not as a slow change.
            if (sessions.FirstOrDefault(s => s.Client.Errors.Count > 0) is { } failing)
                throw new InvalidOperationException($"Session {failing.Number}'s circuit reported: {string.Join(" | ", failing.Client.Errors.Take(3))}");
            var all = changes.Select(c => c.Ms).ToList();
            report.Add(new ScaleFigure($"Filter change, {n} sessions (circuit client) all at the same moment (stress)", "— (n changes queue for the cores)",
                $"p50 {ScaleSessions.Percentile(all, 0.5):N0} ms, p95 {ScaleSessions.Percentile(all, 0.95):N0} ms, max {all.Max():N0} ms ({rounds} rounds × {n} sessions)",
                Note: $"p95 dashboard {ScaleSessions.Percentile(changes.Where(c => c.Dashboard).Select(c => c.Ms), 0.95):N0} ms, grid {ScaleSessions.Percentile(changes.Where(c => !c.Dashboard).Select(c => c.Ms), 0.95):N0} ms; " +
                      $"server's handling of the change p50 {ScaleSessions.Percentile(server, 0.5):N0} ms, p95 {ScaleSessions.Percentile(server, 0.95):N0} ms; " +
                      $"CPU a change: {cpu.TotalMilliseconds / all.Count:N0} ms in this process (server and client; {cpu.TotalSeconds:N1} s in {wall.TotalSeconds:N1} s on {Environment.ProcessorCount} cores)"));
            var calls = sessions.SelectMany(s => s.Client.InteropCalls).GroupBy(c => c.Key).Select(g => $"{g.Key} ×{g.Sum(c => c.Value)}");
            report.Say($"  interop the pages asked of a browser: {string.Join(", ", calls)}");
        }
        finally
        {
            foreach (var session in sessions) await session.Client.DisposeAsync();
        }
        await web.Circuits.WaitUntilAsync((open, _) => open == 0, "no circuits once every session closed", CircuitWait, ct);
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
