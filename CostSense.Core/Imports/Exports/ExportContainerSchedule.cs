using CostSense.Core.Access;
using CostSense.Core.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CostSense.Core.Imports.Exports;

/// <summary>
/// Reads the export container every <c>ScheduleInterval</c> while its settings say enabled, on the app's
/// <see cref="TimeProvider"/>. The wait starts again when an Admin saves settings, so a new interval or an enabled
/// container applies at once. A failed read (the store or the container away) is logged and the next one comes on time:
/// the schedule never stops the app. Every instance runs this schedule, and each interval's read happens on one of them:
/// a due read claims the <see cref="JobNames.ExportSchedule"/> lease, which no instance gets again until an interval after
/// the last scheduled read began. Reads share <see cref="ExportContainerReader"/>'s one-at-a-time lock with "Import now".
/// </summary>
public sealed class ExportContainerSchedule(ExportContainerReader reader, ExportContainerSettingsStore settings, JobLeases leases,
    TimeProvider time, ILogger<ExportContainerSchedule> log) : BackgroundService
{
    /// <summary>Who the schedule's reads are recorded as.</summary>
    public const string ProcessedBy = "schedule";

    // How soon settings are looked at again when they cannot be read or the container is disabled (a save wakes it sooner).
    private static readonly TimeSpan Recheck = TimeSpan.FromMinutes(5);

    /// <summary>When the next read is due; null while the container is disabled or its settings cannot be read.</summary>
    public DateTimeOffset? NextReadAt { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = settings.ChangeToken;
            ExportContainerSetup? setup = null;
            try
            {
                setup = await settings.GetAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "The export container's settings could not be read; trying again in {Recheck}", Recheck);
            }
            var enabled = setup is { Options.Enabled: true, Problem: null };
            var wait = enabled ? Max(setup!.Options.ScheduleInterval, Recheck) : Recheck;
            NextReadAt = enabled ? time.GetUtcNow() + wait : null;

            using (var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, changed))
            {
                try
                {
                    await Task.Delay(wait, time, wake.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    continue; // settings saved: wait anew with them
                }
            }
            if (!enabled) continue;

            try
            {
                // Another instance read the container within the interval (or reads it now): its read stands for this one.
                await using var lease = await leases.TryClaimDueAsync(JobNames.ExportSchedule, wait, stoppingToken);
                if (lease is null) continue;
                using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
                var read = await reader.ReadAsync(Actor.System, ProcessedBy, run.Token);
                if (read.Error is not null) log.LogWarning("Scheduled export container read failed: {Error}", read.Error);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Scheduled export container read failed");
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
