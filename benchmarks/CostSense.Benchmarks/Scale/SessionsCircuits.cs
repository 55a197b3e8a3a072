using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CostSense.Benchmarks.Scale;

/// <summary>
/// The sessions scenario's own circuit handler, registered in its host only (the app has none): it counts the circuits
/// open and connected, so the scenario knows N circuits really exist before it divides memory by N, and, while
/// <see cref="Record"/> is on, times every inbound activity (a browser event dispatched, its handler's awaited work and
/// the render that follows), which is the server's share of a filter change.
/// </summary>
public sealed class SessionsCircuits : CircuitHandler
{
    private int _open;
    private int _connected;
    private volatile ConcurrentQueue<(string Circuit, double Ms)>? _recording;

    /// <summary>Circuits created and not yet disposed (connected or kept for a reconnect).</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Circuits whose browser is connected now.</summary>
    public int Connected => Volatile.Read(ref _connected);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken ct)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken ct)
    {
        Interlocked.Increment(ref _connected);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken ct)
    {
        Interlocked.Decrement(ref _connected);
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async activity =>
        {
            var recording = _recording;
            if (recording is null)
            {
                await next(activity);
                return;
            }
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(activity);
            }
            finally
            {
                recording.Enqueue((activity.Circuit.Id, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }
        };

    /// <summary>
    /// Times inbound activities until the returned function is called; it gives, per circuit, the longest one seen
    /// (the filter change's event; the others are render acknowledgements and interop replies of a millisecond).
    /// </summary>
    public Func<IReadOnlyList<double>> Record()
    {
        var recording = new ConcurrentQueue<(string Circuit, double Ms)>();
        _recording = recording;
        return () =>
        {
            _recording = null;
            return [.. recording.GroupBy(a => a.Circuit).Select(g => g.Max(a => a.Ms))];
        };
    }

    /// <summary>Waits until <paramref name="done"/> holds for (open, connected); says what it saw when it does not in time.</summary>
    public async Task WaitUntilAsync(Func<int, int, bool> done, string what, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!done(Open, Connected))
        {
            if (clock.Elapsed > timeout)
                throw new InvalidOperationException($"Expected {what}, but after {timeout.TotalSeconds:N0} s the server had {Open} circuits open, {Connected} connected.");
            await Task.Delay(100, ct);
        }
    }
}
