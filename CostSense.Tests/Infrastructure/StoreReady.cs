using CostSense.Web.Startup;

namespace CostSense.Tests.Infrastructure;

public static class StoreReady
{
    /// <summary>Waits for the app's start-up to report the store ready (it may still be retrying); fails naming the problem.</summary>
    public static async Task WaitUntilReadyAsync(this StoreStatus status, TimeSpan timeout)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged() { if (status.Ready) ready.TrySetResult(); }
        status.Changed += OnChanged;
        try
        {
            OnChanged();
            await ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"The app's store did not come up within {timeout.TotalSeconds:0} s: {status.Problem}");
        }
        finally
        {
            status.Changed -= OnChanged;
        }
    }
}
