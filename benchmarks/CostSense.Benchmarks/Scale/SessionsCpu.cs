using System.Diagnostics;

namespace CostSense.Benchmarks.Scale;

/// <summary>
/// CPU time used by this process (the server, with the benchmark around it) and by its descendants (Playwright's
/// driver and Chromium with its renderers), read from /proc: on a 2-core machine they compete, and the split says how
/// much of a filter change's latency is the browser's. Elsewhere than Linux the browser's share reads as zero.
/// </summary>
public readonly record struct SessionsCpu(TimeSpan Server, TimeSpan Browser)
{
    public static SessionsCpu Now()
    {
        using var self = Process.GetCurrentProcess();
        return new SessionsCpu(self.TotalProcessorTime, DescendantsCpu(Environment.ProcessId));
    }

    public static SessionsCpu operator -(SessionsCpu a, SessionsCpu b) => new(a.Server - b.Server, a.Browser - b.Browser);

    private static TimeSpan DescendantsCpu(int root)
    {
        if (!Directory.Exists("/proc")) return TimeSpan.Zero;
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                // pid (comm) state ppid … utime(14) stime(15): fields after the command's closing parenthesis.
                var text = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                stats[pid] = (int.Parse(fields[1]), long.Parse(fields[11]) + long.Parse(fields[12]));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while being read.
            }
        }
        var children = stats.ToLookup(s => s.Value.Parent, s => s.Key);
        long ticks = 0;
        var pending = new Stack<int>(children[root]);
        while (pending.TryPop(out var pid))
        {
            ticks += stats[pid].Ticks;
            foreach (var child in children[pid]) pending.Push(child);
        }
        // Linux reports in USER_HZ, 100 a second on every mainstream distribution.
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
