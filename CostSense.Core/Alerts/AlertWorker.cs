using CostSense.Core.Notifications;
using CostSense.Core.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Alerts;

/// <summary>
/// Runs the <see cref="AlertCheck"/> at start (hosted after the store's start-up, so the first check finds the schema),
/// then every <see cref="NotificationOptions.CheckInterval"/> on the app's <see cref="TimeProvider"/>, and soon when a
/// page asks (<see cref="AlertCheckRequests"/>). Every instance runs this worker, and the check runs on one of them: a
/// tick claims the <see cref="JobNames.AlertCheck"/> lease only when no check began on any instance within the interval,
/// a page's request whenever no other check runs (or a few seconds later). The outbox and the deliveries' leases would
/// keep two concurrent checks from sending twice; the lease keeps them from detecting twice. A failed check is logged
/// and the next one comes on time: alerts never stop the app.
/// </summary>
public sealed class AlertWorker(AlertCheck check, AlertCheckRequests requests, JobLeases leases, IOptions<NotificationOptions> options,
    TimeProvider time, ILogger<AlertWorker> log) : BackgroundService
{
    // A page's request that found another instance's check running looks again after this long (that check may predate the change).
    private static readonly TimeSpan RequestRetry = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start-up thread: the first check may take a while (detection over the whole store).
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var requested = requests.Requested.IsCompleted;
            var ran = false;
            try
            {
                await using var lease = requested
                    ? await leases.TryClaimAsync(JobNames.AlertCheck, stoppingToken)
                    : await leases.TryClaimDueAsync(JobNames.AlertCheck, options.Value.CheckInterval, stoppingToken);
                if (lease is not null)
                {
                    using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
                    var result = await check.RunAsync(run.Token);
                    ran = true;
                    if (result.Error is not null) log.LogWarning("Alert check finished with errors: {Error}", result.Error);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Alert check failed; trying again in {Interval}", options.Value.CheckInterval);
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try
            {
                // A request this instance could not serve yet stays asked for: wait a little, not for the next request.
                if (requested && !ran) await Task.Delay(RequestRetry, time, wake.Token);
                else await Task.WhenAny(Task.Delay(options.Value.CheckInterval, time, wake.Token), requests.Requested.WaitAsync(wake.Token));
            }
            finally
            {
                await wake.CancelAsync();
            }
        }
    }
}
