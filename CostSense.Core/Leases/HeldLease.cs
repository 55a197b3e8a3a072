using Microsoft.Extensions.Logging;

namespace CostSense.Core.Leases;

/// <summary>
/// A claimed <see cref="JobLeases"/> lease: renewed every third of <see cref="JobLeases.Hold"/> while the work runs, so a
/// long run keeps it and a crashed process loses it soon; released when disposed. Should a renewal find the lease taken
/// (this process stalled past its hold and another instance claimed it), <see cref="Lost"/> is cancelled so the work can stop.
/// </summary>
public sealed class HeldLease : IAsyncDisposable
{
    private readonly JobLeases _leases;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewing;
    private int _disposed;

    internal HeldLease(JobLeases leases, string name, TimeProvider time, ILogger log)
    {
        (_leases, Name, _time, _log) = (leases, name, time, log);
        _renewing = RenewAsync(_stop.Token);
    }

    public string Name { get; }

    /// <summary>Cancelled when the lease was found taken by another instance: the work should stop, it no longer runs alone.</summary>
    public CancellationToken Lost => _lost.Token;

    private async Task RenewAsync(CancellationToken stop)
    {
        try
        {
            // On a fixed rhythm from the claim, not from the last renewal's end: a slow renewal does not push the next one late.
            var next = _time.GetUtcNow();
            while (true)
            {
                next += JobLeases.Hold / 3;
                var wait = next - _time.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, stop);
                try
                {
                    if (await _leases.RenewAsync(Name, stop)) continue;
                    _log.LogWarning("Job {Job}: the lease was taken by another instance while {Instance} still ran it; stopping", Name, _leases.Instance);
                    await _lost.CancelAsync();
                    return;
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    // A store blip: the lease has most of its hold left; the next renewal tries again.
                    _log.LogWarning(e, "Job {Job}: renewing the lease failed; trying again", Name);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Released.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        await _renewing;
        try
        {
            // Released even while the app stops (the caller's token is then cancelled), within a bound of its own.
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            if (!_lost.IsCancellationRequested) await _leases.ReleaseAsync(Name, bound.Token);
        }
        catch (Exception e)
        {
            // The lease then runs out by itself after its hold.
            _log.LogWarning(e, "Job {Job}: releasing the lease failed; it runs out by itself", Name);
        }
        finally
        {
            _stop.Dispose();
            _lost.Dispose();
        }
    }
}
