namespace CostSense.Web.Components.Assistant;

/// <summary>
/// Calls <c>render</c> at most once per interval: the first request at once, later ones once the interval has
/// passed since the last render, by a timer so the latest text shows even when no further token comes.
/// <see cref="Flush"/> renders now, for the end of an answer. The clock is a <see cref="TimeProvider"/> so tests
/// control it.
/// </summary>
public sealed class RenderThrottle(TimeProvider time, TimeSpan interval, Action render) : IDisposable
{
    public static readonly TimeSpan StreamingInterval = TimeSpan.FromMilliseconds(75);

    // Requests come on the renderer's dispatcher; the timer fires on the thread pool.
    private readonly Lock _gate = new();
    private long? _lastRender;
    private ITimer? _pending;
    private bool _disposed;

    public void Request()
    {
        lock (_gate)
        {
            if (_disposed || _pending is not null) return;
            var since = _lastRender is { } last ? time.GetElapsedTime(last) : TimeSpan.MaxValue;
            if (since < interval)
            {
                _pending = time.CreateTimer(_ => Flush(), null, interval - since, Timeout.InfiniteTimeSpan);
                return;
            }
            _lastRender = time.GetTimestamp();
        }
        render();
    }

    public void Flush()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _pending?.Dispose();
            _pending = null;
            _lastRender = time.GetTimestamp();
        }
        render();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _pending?.Dispose();
            _pending = null;
        }
    }
}
