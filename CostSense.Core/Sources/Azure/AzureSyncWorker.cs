using CostSense.Core.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CostSense.Core.Sources.Azure;

/// <summary>
/// Syncs with Azure every <see cref="AzureOptions.SyncInterval"/> while it is enabled, counted from the last run's start on
/// any instance (read from the store), so several instances and restarts keep one rhythm. A due sync first claims the
/// <see cref="JobNames.AzureSync"/> lease, which only one instance gets per interval: without it, an instance that read
/// the history before another's sync began, and tried <see cref="AzureSync"/>'s lock after that sync ended, would sync
/// again. The lock still keeps a scheduled sync and a "Sync now" apart. A failed sync is recorded and logged; the next
/// one comes on time.
/// </summary>
public sealed class AzureSyncWorker(AzureSync sync, AzureConnection connection, JobLeases leases, TimeProvider time, ILogger<AzureSyncWorker> log)
    : BackgroundService
{
    // When the store cannot be read (not migrated yet, or away) or another instance holds the lock, look again after this long.
    private static readonly TimeSpan Recheck = TimeSpan.FromMinutes(1);

    /// <summary>When the next scheduled sync is due; null while Azure is off.</summary>
    public DateTimeOffset? NextSyncAt { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!connection.Options.Enabled) return;
        var interval = connection.Options.SyncInterval;
        NextSyncAt = time.GetUtcNow() + connection.Options.StartupDelay;
        await Task.Delay(connection.Options.StartupDelay, time, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var last = (await sync.HistoryAsync(1, stoppingToken)).FirstOrDefault();
                var due = last is null ? time.GetUtcNow() : last.StartedAt + interval;
                wait = due - time.GetUtcNow();
                if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
                NextSyncAt = time.GetUtcNow() + wait;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "The Azure sync history could not be read; looking again in {Recheck}", Recheck);
                wait = Recheck;
                NextSyncAt = null;
            }
            await Task.Delay(wait, time, stoppingToken);
            if (wait == Recheck && NextSyncAt is null) continue;
            try
            {
                // Null when another instance holds the lease or the lock: the history then shows its run, and the next wait counts from it.
                if (await RunIfOursAsync(interval, stoppingToken) is null) await Task.Delay(Recheck, time, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "The scheduled Azure sync failed");
                await Task.Delay(Recheck, time, stoppingToken);
            }
        }
    }

    /// <summary>The scheduled sync, if this instance wins the due lease; null when another instance runs it (or ran it within the interval).</summary>
    private async Task<Data.Entities.AzureSyncRun?> RunIfOursAsync(TimeSpan interval, CancellationToken ct)
    {
        await using var lease = await leases.TryClaimDueAsync(JobNames.AzureSync, interval, ct);
        if (lease is null) return null;
        using var run = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
        return await sync.RunAsync(AzureSync.Schedule, run.Token);
    }
}
