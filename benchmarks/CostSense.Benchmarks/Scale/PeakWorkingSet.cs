namespace CostSense.Benchmarks.Scale;

/// <summary>
/// Samples the process's working set every 50 ms while it lives; <see cref="PeakBytes"/> is the largest seen, the peak
/// of the work measured in between (the import figures' memory).
/// </summary>
public sealed class PeakWorkingSet : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public PeakWorkingSet()
    {
        _peak = Environment.WorkingSet;
        _timer = new Timer(_ => Sample(), null, 0, 50);
    }

    public long PeakBytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak);
        }
    }

    private void Sample()
    {
        var now = Environment.WorkingSet;
        long seen;
        do seen = Interlocked.Read(ref _peak);
        while (now > seen && Interlocked.CompareExchange(ref _peak, now, seen) != seen);
    }

    public void Dispose() => _timer.Dispose();
}
