using Microsoft.Extensions.Time.Testing;

namespace CostSense.Tests.Azure.Costs;

/// <summary>
/// A fake clock that moves on by itself to each wait the code under test starts (a one-shot timer, as
/// <c>Task.Delay(d, time, ct)</c> makes), and records the waits: a sync that waits out a 429 or its QPU budget runs at once
/// in the test, and the test asserts the waits and the clock times, never the wall clock.
/// </summary>
public sealed class SteppingTime(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _waits = [];

    /// <summary>Every wait started, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits { get { lock (_gate) return [.. _waits]; } }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (period == Timeout.InfiniteTimeSpan && dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate) _waits.Add(dueTime);
            // Off this thread: the timer is registered by now, and firing it inside CreateTimer would run its callback early.
            ThreadPool.QueueUserWorkItem(_ => Advance(dueTime));
        }
        return timer;
    }
}
