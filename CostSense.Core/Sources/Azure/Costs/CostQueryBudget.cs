namespace CostSense.Core.Sources.Azure.Costs;

/// <summary>
/// Cost Management's tenant limits on the client side: at most 12 QPU per 10 seconds, 60 per minute and 600 per hour
/// (one query over one month of data costs one QPU), counted over sliding windows on the injected clock, so a sync spreads
/// its queries instead of running into 429s. A 429 also holds every query until the time its headers name
/// (<see cref="HoldUntil"/>). One budget per app (a singleton): the limits are the tenant's, not a sync's.
/// </summary>
public sealed class CostQueryBudget(TimeProvider time)
{
    /// <summary>The windows and how many QPU each allows.</summary>
    public static readonly IReadOnlyList<(TimeSpan Window, int Qpu)> Limits =
    [
        (TimeSpan.FromSeconds(10), 12),
        (TimeSpan.FromMinutes(1), 60),
        (TimeSpan.FromHours(1), 600),
    ];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<DateTimeOffset> _spent = new();
    private readonly Lock _holdLock = new();
    private DateTimeOffset _heldUntil = DateTimeOffset.MinValue;

    /// <summary>
    /// Waits (on the injected clock) until one more QPU fits every window and no 429 hold is in force, then counts it.
    /// Callers are served one at a time, in order.
    /// </summary>
    public async Task SpendAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            while (true)
            {
                var now = time.GetUtcNow();
                while (_spent.Count > 0 && now - _spent.Peek() >= Limits[^1].Window) _spent.Dequeue();
                DateTimeOffset held;
                lock (_holdLock) held = _heldUntil;
                var ready = Max(held, EarliestFit(now));
                if (ready <= now)
                {
                    _spent.Enqueue(now);
                    return;
                }
                await Task.Delay(ready - now, time, ct);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Holds every query until <paramref name="until"/> (Azure answered 429 and asked for that wait).</summary>
    public void HoldUntil(DateTimeOffset until)
    {
        lock (_holdLock)
            if (until > _heldUntil) _heldUntil = until;
    }

    /// <summary>The earliest time one more QPU fits every window, given what was spent (oldest first).</summary>
    private DateTimeOffset EarliestFit(DateTimeOffset now)
    {
        var spent = _spent.ToArray();
        var earliest = now;
        foreach (var (window, qpu) in Limits)
        {
            var inWindow = spent.Where(t => now - t < window).ToArray();
            // The window has room once its oldest QPU that keeps it full has left it.
            if (inWindow.Length >= qpu) earliest = Max(earliest, inWindow[inWindow.Length - qpu] + window);
        }
        return earliest;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
