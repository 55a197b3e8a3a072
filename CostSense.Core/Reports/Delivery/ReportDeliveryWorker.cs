using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Reports.Delivery;

/// <summary>
/// Every <c>CostSense:Reports:PollSeconds</c> (on the app's <see cref="TimeProvider"/>), claims due report subscriptions
/// and sends pending deliveries. Any number of instances may run it: the store decides who sends what. An error is
/// logged and the next tick comes on time: e-mail never stops the app. While e-mail is off it does nothing (the page says why).
/// </summary>
public sealed class ReportDeliveryWorker(ReportDeliverySender sender, IOptions<ReportDeliveryOptions> options, IOptions<SmtpOptions> smtp,
    TimeProvider time, ILogger<ReportDeliveryWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!smtp.Value.IsConfigured)
            log.LogInformation("Report e-mails are off: {Reason}", smtp.Value.OffReason);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Wait first: the store is migrated by StoreStartup before the first tick.
                await Task.Delay(options.Value.Poll, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await sender.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Report delivery pass failed; trying again in {Poll}", options.Value.Poll);
            }
        }
    }
}
