using System.Diagnostics;
using CostSense.Core.Imports;

namespace CostSense.Benchmarks.Scale;

/// <summary>
/// When the importer's progress reports of each phase came, so the note splits the time: reading (and, in one pass,
/// writing) the rows, then what follows the last row (old rows out, rollups, inventory, commit).
/// </summary>
public sealed class ImportPhaseClock : IProgress<ImportProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<ImportPhase, TimeSpan> _last = [];
    private readonly Lock _gate = new();
    private TimeSpan _end;

    public void Report(ImportProgress value)
    {
        lock (_gate) _last[value.Phase] = _clock.Elapsed;
    }

    public void End(TimeSpan total) => _end = total;

    public override string ToString()
    {
        lock (_gate)
        {
            var parts = new List<string>();
            var at = TimeSpan.Zero;
            foreach (var (phase, last) in _last.OrderBy(p => p.Value))
            {
                parts.Add($"{phase.ToString().ToLowerInvariant()} {(last - at).TotalSeconds:N1} s");
                at = last;
            }
            parts.Add($"replace, rollups, inventory and commit {(_end - at).TotalSeconds:N1} s");
            return string.Join(", ", parts);
        }
    }
}
