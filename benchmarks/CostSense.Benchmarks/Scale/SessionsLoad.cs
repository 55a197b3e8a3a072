using System.Diagnostics;

namespace CostSense.Benchmarks.Scale;

/// <summary>A session the load drives: a Chromium page (<see cref="SessionsPage"/>) or a circuit client's (<see cref="CircuitSession"/>).</summary>
public interface ILoadedSession
{
    bool OnDashboard { get; }

    /// <summary>Untimed: what comes before a change (the grid's action list opened).</summary>
    Task PrepareAsync(CancellationToken ct);

    /// <summary>Sends the change; the task it gives is the change's time in ms once the new data shows (it throws when it never does).</summary>
    Task<Task<double>> ChangeAsync(CancellationToken ct);
}

/// <summary>
/// The two loads both session scenarios put on the server, so their figures compare: paced — every session changes its
/// filter once every <see cref="ScaleSessions.PaceWindow"/>, one after another, N analysts at work (the target's figure)
/// — and a burst — every session at the same moment, round after round, with the server's own handling of each change
/// timed by its circuit handler and the CPU the process and its children used.
/// </summary>
public static class SessionsLoad
{
    public sealed record Change(bool Dashboard, double Ms);

    public sealed record Burst(List<Change> Changes, List<double> Server, SessionsCpu Cpu, TimeSpan Wall);

    /// <summary>One session after another, PaceWindow / n apart, so a change overlaps the few before it, not all n.</summary>
    public static async Task<List<Change>> PacedAsync(IReadOnlyList<ILoadedSession> sessions, int rounds, ScaleReport report, CancellationToken ct)
    {
        var paced = new List<Change>();
        for (var round = 0; round < rounds; round++)
        {
            var pending = new List<Task<double>>();
            foreach (var session in sessions)
            {
                var next = Task.Delay(ScaleSessions.PaceWindow / sessions.Count, ct);
                await session.PrepareAsync(ct);
                pending.Add(await session.ChangeAsync(ct));
                await next;
            }
            var measured = await Task.WhenAll(pending);
            paced.AddRange(sessions.Zip(measured, (s, ms) => new Change(s.OnDashboard, ms)));
            report.Say($"  paced round {round + 1}: p50 {ScaleSessions.Percentile(measured, 0.5):N0} ms, max {measured.Max():N0} ms");
        }
        return paced;
    }

    /// <summary>Every session's change at once, <paramref name="rounds"/> times.</summary>
    public static async Task<Burst> BurstAsync(IReadOnlyList<ILoadedSession> sessions, int rounds, SessionsCircuits circuits, ScaleReport report, CancellationToken ct)
    {
        var burst = new Burst([], [], new SessionsCpu(TimeSpan.Zero, TimeSpan.Zero), TimeSpan.Zero);
        for (var round = 0; round < rounds; round++)
        {
            await Task.WhenAll(sessions.Select(s => s.PrepareAsync(ct)));
            var stopRecording = circuits.Record();
            var cpuBefore = SessionsCpu.Now();
            var clock = Stopwatch.StartNew();
            var shown = await Task.WhenAll(sessions.Select(s => s.ChangeAsync(ct)));
            var measured = await Task.WhenAll(shown);
            var cpu = SessionsCpu.Now() - cpuBefore;
            burst = burst with { Cpu = new(burst.Cpu.Server + cpu.Server, burst.Cpu.Browser + cpu.Browser), Wall = burst.Wall + clock.Elapsed };
            // The event handlers end with the render that showed the data; a moment more lets the last ones be counted.
            await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
            burst.Server.AddRange(stopRecording());
            burst.Changes.AddRange(sessions.Zip(measured, (s, ms) => new Change(s.OnDashboard, ms)));
            report.Say($"  round {round + 1}: p50 {ScaleSessions.Percentile(measured, 0.5):N0} ms, max {measured.Max():N0} ms");
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
        return burst;
    }

    /// <summary>The paced load's figure, the target's: its p95 against 300 ms, and each page kind's.</summary>
    public static ScaleFigure PacedFigure(string sessions, List<Change> paced, int rounds, int n, bool postgres)
    {
        var all = paced.Select(c => c.Ms).ToList();
        var p95 = ScaleSessions.Percentile(all, 0.95);
        return new ScaleFigure($"Filter change, {n} concurrent {sessions}, each changing a filter every {ScaleSessions.PaceWindow.TotalSeconds:N0} s", "p95 ≤ 300 ms",
            $"p50 {ScaleSessions.Percentile(all, 0.5):N0} ms, p95 {p95:N0} ms, max {all.Max():N0} ms ({rounds} rounds × {n} sessions)",
            Met: postgres ? p95 <= ScaleSessions.TargetP95Ms : null,
            Note: ByKind(paced));
    }

    /// <summary>The burst's figure (no target: n changes queue for the cores), with the server's handling; the caller adds its CPU.</summary>
    public static ScaleFigure BurstFigure(string sessions, Burst burst, int rounds, int n, string cpu)
    {
        var all = burst.Changes.Select(c => c.Ms).ToList();
        return new ScaleFigure($"Filter change, {n} {sessions} all at the same moment (stress)", "— (n changes queue for the cores)",
            $"p50 {ScaleSessions.Percentile(all, 0.5):N0} ms, p95 {ScaleSessions.Percentile(all, 0.95):N0} ms, max {all.Max():N0} ms ({rounds} rounds × {n} sessions)",
            Note: $"{ByKind(burst.Changes)}; server's handling of the change p50 {ScaleSessions.Percentile(burst.Server, 0.5):N0} ms, " +
                  $"p95 {ScaleSessions.Percentile(burst.Server, 0.95):N0} ms; CPU a change: {cpu}");
    }

    private static string ByKind(List<Change> changes) =>
        $"p95 dashboard {ScaleSessions.Percentile(changes.Where(c => c.Dashboard).Select(c => c.Ms), 0.95):N0} ms, " +
        $"grid {ScaleSessions.Percentile(changes.Where(c => !c.Dashboard).Select(c => c.Ms), 0.95):N0} ms";
}
