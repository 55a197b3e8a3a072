using CostSense.Core.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Alerts;

/// <summary>
/// Runs the <see cref="AlertCheck"/> at start (hosted after the store's start-up, so the first check finds the schema),
/// then every <see cref="NotificationOptions.CheckInterval"/> on the app's <see cref="TimeProvider"/>, and at once when a
/// page asks (<see cref="AlertCheckRequests"/>). Any number of instances may run it: the store decides who sends what.
/// A failed check is logged and the next one comes on time: alerts never stop the app.
/// </summary>
public sealed class AlertWorker(AlertCheck check, AlertCheckRequests requests, IOptions<NotificationOptions> options, TimeProvider time,
    ILogger<AlertWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start-up thread: the first check may take a while (detection over the whole store).
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await check.RunAsync(stoppingToken);
                if (result.Error is not null) log.LogWarning("Alert check finished with errors: {Error}", result.Error);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Alert check failed; trying again in {Interval}", options.Value.CheckInterval);
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try
            {
                await Task.WhenAny(Task.Delay(options.Value.CheckInterval, time, wake.Token), requests.Requested.WaitAsync(wake.Token));
            }
            finally
            {
                await wake.CancelAsync();
            }
        }
    }
}
