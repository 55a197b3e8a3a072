using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CostSense.Core.Notifications;

/// <summary>
/// Queues alerts: one <see cref="NotificationDelivery"/> per enabled channel that wants the alert (its kind, and for an
/// anomaly an excess of at least the channel's minimum) and alert. (ChannelId, AlertKey) is unique in the store, so an
/// alert already queued for a channel, by this instance or any other at the same moment, is skipped, never queued twice.
/// </summary>
public sealed class NotificationOutbox(IDbContextFactory<CostSenseDbContext> dbFactory, TimeProvider time, ILogger<NotificationOutbox> log)
{
    /// <summary>Queues <paramref name="alerts"/> in a unit of work of its own. Returns how many deliveries were queued.</summary>
    public async Task<int> EnqueueAsync(IReadOnlyCollection<Alert> alerts, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await EnqueueAsync(db, alerts, ct);
    }

    /// <summary>
    /// Queues <paramref name="alerts"/> on <paramref name="db"/>, inside the caller's transaction when it has one (the alert
    /// check marks its anomalies and crossings alerted in the same one). Each delivery is saved on its own: a copy another
    /// instance wrote first is refused by the unique index, and EF rolls back only to the savepoint it took for that save.
    /// </summary>
    public async Task<int> EnqueueAsync(CostSenseDbContext db, IReadOnlyCollection<Alert> alerts, CancellationToken ct)
    {
        if (alerts.Count == 0) return 0;
        var channels = await db.NotificationChannels.AsNoTracking().Where(c => c.Enabled).OrderBy(c => c.Id).ToListAsync(ct);
        var now = time.GetUtcNow();
        var queued = 0;
        foreach (var channel in channels)
        {
            var wanted = alerts.Where(a => Wants(channel, a)).ToList();
            if (wanted.Count == 0) continue;
            var keys = wanted.Select(a => a.Key).ToList();
            var known = (await db.NotificationDeliveries.AsNoTracking().Where(d => d.ChannelId == channel.Id && keys.Contains(d.AlertKey))
                .Select(d => d.AlertKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            foreach (var alert in wanted.Where(a => !known.Contains(a.Key)).DistinctBy(a => a.Key))
                if (await TryAddAsync(db, New(channel, alert, now), ct)) queued++;
        }
        return queued;
    }

    /// <summary>Whether <paramref name="channel"/> wants <paramref name="alert"/>: its kind, and an anomaly's excess at least the minimum.</summary>
    public static bool Wants(NotificationChannel channel, Alert alert) => alert.Kind switch
    {
        AlertKind.Anomaly => channel.Anomalies && alert.Amount >= channel.MinAnomalyExcess,
        AlertKind.BudgetCrossing => channel.Budgets,
        _ => false,
    };

    /// <summary>A pending delivery of <paramref name="alert"/> to <paramref name="channel"/>, due at once.</summary>
    public static NotificationDelivery New(NotificationChannel channel, Alert alert, DateTimeOffset now) => new()
    {
        ChannelId = channel.Id,
        ChannelName = channel.Name,
        AlertKey = alert.Key,
        AlertKind = alert.Kind,
        Title = alert.Title.Length <= 1000 ? alert.Title : alert.Title[..999] + "…",
        Payload = NotificationBodies.Payload(alert),
        Status = NotificationStatus.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
    };

    private async Task<bool> TryAddAsync(CostSenseDbContext db, NotificationDelivery delivery, CancellationToken ct)
    {
        db.NotificationDeliveries.Add(delivery);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e)
        {
            db.Entry(delivery).State = EntityState.Detached;
            // The unique index refused a second copy (another instance queued it first): forget ours and go on. Anything else is a failure.
            if (!await db.NotificationDeliveries.AnyAsync(d => d.ChannelId == delivery.ChannelId && d.AlertKey == delivery.AlertKey, ct)) throw;
            log.LogInformation("Alert {Key} was already queued for channel {Channel} ({Reason})", delivery.AlertKey, delivery.ChannelName,
                e.InnerException?.Message ?? e.Message);
            return false;
        }
    }
}
