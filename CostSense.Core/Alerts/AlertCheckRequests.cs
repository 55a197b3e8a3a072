namespace CostSense.Core.Alerts;

/// <summary>
/// How a page asks for an alert check soon (after an import, a sync, a saved budget): <see cref="RequestRun"/> wakes the
/// <see cref="AlertWorker"/> instead of leaving the change to the next tick. It depends on nothing, so any service or page
/// can take it; requests made while a check runs give one more check right after it.
/// </summary>
public sealed class AlertCheckRequests
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Asks for a check as soon as the worker can run one.</summary>
    public void RequestRun() => Volatile.Read(ref _next).TrySetResult();

    /// <summary>Completes when a check was asked for since the last <see cref="Consume"/>.</summary>
    public Task Requested => Volatile.Read(ref _next).Task;

    /// <summary>Called as a check starts: what was asked for until now is answered by it.</summary>
    public void Consume()
    {
        var current = Volatile.Read(ref _next);
        if (current.Task.IsCompleted)
            Interlocked.CompareExchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
    }
}
