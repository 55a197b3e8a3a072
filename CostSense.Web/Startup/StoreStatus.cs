namespace CostSense.Web.Startup;

/// <summary>
/// Whether the store came up, and if not, what the operator should do about it while start-up keeps trying.
/// Pages read it on render and listen to <see cref="Changed"/> to load themselves once the store is ready.
/// </summary>
public sealed class StoreStatus
{
    private volatile StoreState _current = new(StorePhase.Connecting, null, 0, null);

    /// <summary>Raised on the start-up's thread after every change: handlers marshal to their own context.</summary>
    public event Action? Changed;

    public StoreState Current => _current;
    public bool Ready => _current.Phase == StorePhase.Ready;
    public string? Problem => _current.Problem;

    public void MarkReady() => Set(new StoreState(StorePhase.Ready, null, _current.Attempt, null));

    public void MarkFailed(string problem, int attempt = 1, TimeSpan? retryIn = null) =>
        Set(new StoreState(StorePhase.Retrying, problem, attempt, retryIn));

    private void Set(StoreState state)
    {
        _current = state;
        Changed?.Invoke();
    }
}
