using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CostSense.Core.Anomalies;
using CostSense.Core.Budgets;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Alerts;

/// <summary>
/// One alert check, run by the <see cref="AlertWorker"/> at start, on every tick and when a page asks
/// (<see cref="AlertCheckRequests"/>): (a) anomaly detection, only when the store's data or the day changed since the
/// last check (a stamp of every month's version, the latest day of data and today, kept in the one
/// <see cref="AlertCheckRun"/> row); (b) budget evaluation, every time (the month moves on even when the data does not);
/// (c) new anomalies (one alert per incident, however many scopes show it) and crossings turned into alerts, queued and marked alerted in one transaction (an anomaly that
/// ended more than <see cref="NotificationOptions.AlertRecentDays"/> before the latest day of data is marked without
/// being sent: it is not news); (d) due notifications delivered. A part that fails is logged and recorded in the row's
/// Error, and the others still run.
/// </summary>
public sealed class AlertCheck(IDbContextFactory<CostSenseDbContext> dbFactory, IAnomalyDetection detection, IBudgetEvaluation budgets,
    NotificationOutbox outbox, NotificationSender sender, AlertCheckRequests requests, IOptions<NotificationOptions> options, TimeProvider time,
    ILogger<AlertCheck> log)
{
    /// <summary>The id of the one check row.</summary>
    public const int RunId = 1;

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Asks the worker for a check soon (see <see cref="AlertCheckRequests"/>).</summary>
    public void RequestRun() => requests.RequestRun();

    /// <summary>The last check on any instance, or null before the first.</summary>
    public async Task<AlertCheckRun?> LastRunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AlertCheckRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == RunId, ct);
    }

    public async Task<AlertCheckResult> RunAsync(CancellationToken ct)
    {
        await _oneAtATime.WaitAsync(ct);
        try
        {
            requests.Consume();
            return await RunOnceAsync(ct);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<AlertCheckResult> RunOnceAsync(CancellationToken ct)
    {
        var errors = new List<string>();
        string? stamp = null, lastStamp = null;
        var detected = false;
        int? anomalies = null, crossings = null;
        (int Alerts, int NotNews, int Queued) raised = (0, 0, 0);
        IReadOnlyList<NotificationResult> deliveries = [];

        await Part("Anomaly detection", errors, async () =>
        {
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                stamp = await StampAsync(db, ct);
                var last = await db.AlertCheckRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == RunId, ct);
                lastStamp = last?.Stamp;
                anomalies = last?.Anomalies;
            }
            if (stamp == lastStamp) return;
            var result = await detection.DetectAsync(ct);
            (detected, anomalies) = (true, result.Total);
            log.LogInformation("Anomaly detection: {Total} anomalies ({Added} new, {Updated} updated, {Removed} removed) in {Elapsed}",
                result.Total, result.Added, result.Updated, result.Removed, result.Elapsed);
        }, ct);
        await Part("Budget evaluation", errors, async () => crossings = await budgets.EvaluateAsync(ct), ct);
        await Part("Alerts", errors, async () => raised = await RaiseAlertsAsync(ct), ct);
        await Part("Delivery", errors, async () => deliveries = await sender.DeliverDueAsync(null, ct), ct);

        var error = errors.Count == 0 ? null : string.Join(" ", errors);
        // A detection that failed (or never got its stamp) is tried again next time: the old stamp stays.
        var keep = detected || (stamp is not null && stamp == lastStamp) ? stamp : lastStamp;
        await Part("Recording the check", errors, () => RecordAsync(keep, anomalies ?? 0, error, ct), ct);
        return new AlertCheckResult(detected, anomalies, crossings, raised.Alerts, raised.NotNews, raised.Queued, deliveries,
            errors.Count == 0 ? null : string.Join(" ", errors));
    }

    /// <summary>Runs one part; its failure is logged and named in <paramref name="errors"/>, never thrown (unless the check is stopping).</summary>
    private async Task Part(string name, List<string> errors, Func<Task> part, CancellationToken ct)
    {
        try
        {
            await part();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError(e, "Alert check: {Part} failed", name);
            errors.Add($"{name} failed: {e.Message}");
        }
    }

    /// <summary>
    /// The store's data versions (hashed: a long history has many months), the latest day of data and today: when any
    /// of them moves, detection runs again.
    /// </summary>
    private async Task<string> StampAsync(CostSenseDbContext db, CancellationToken ct)
    {
        var data = await PeriodVersions.DataStampAsync(db, ct);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(data)))[..16];
        return string.Create(CultureInfo.InvariantCulture, $"v{hash}|today {today:yyyy-MM-dd}");
    }

    /// <summary>
    /// Turns new anomalies and crossings into alerts, queues them and marks them alerted, all in one transaction: a check
    /// that dies half-way queues nothing and marks nothing, and the next one does it all.
    /// </summary>
    private async Task<(int Alerts, int NotNews, int Queued)> RaiseAlertsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(c);
            var now = time.GetUtcNow();
            var latest = await db.DailyCostRollups.MaxAsync(r => (DateOnly?)r.Date, c);
            var oldest = latest?.AddDays(-options.Value.AlertRecentDays);
            var anomalies = await db.Anomalies.Where(a => a.AlertedAt == null && a.Status == AnomalyStatus.New).OrderBy(a => a.Id).ToListAsync(c);
            var crossings = await db.BudgetCrossings.Where(x => x.AlertedAt == null).OrderBy(x => x.Id).ToListAsync(c);
            if (anomalies.Count == 0 && crossings.Count == 0)
            {
                await tx.RollbackAsync(c);
                return (0, 0, 0);
            }
            var budgetIds = crossings.Select(x => x.BudgetId).Distinct().ToList();
            var budgetsById = await db.Budgets.AsNoTracking().Where(b => budgetIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, c);

            var alerts = new List<Alert>();
            var notNews = 0;
            var fresh = new List<DetectedAnomaly>();
            foreach (var a in anomalies)
            {
                a.AlertedAt = now;
                if (oldest is { } o && a.To < o) notNews++;
                else fresh.Add(a);
            }
            // One message per incident: the same surge at its service, group, subscription and tags is told once, as the
            // anomalies page and the dashboard card group it.
            var byId = fresh.ToDictionary(a => a.Id);
            foreach (var incident in AnomalyIncident.Group(fresh.Select(AnomalyView.Of)))
                alerts.Add(AlertFactory.Anomaly(byId[incident.Main.Id], incident.All.Where(a => a.Id != incident.Main.Id).Select(a => byId[a.Id])));
            foreach (var x in crossings)
            {
                x.AlertedAt = now;
                alerts.Add(AlertFactory.Crossing(x, budgetsById.GetValueOrDefault(x.BudgetId)));
            }
            await db.SaveChangesAsync(c);
            var queued = await outbox.EnqueueAsync(db, alerts, c);
            await tx.CommitAsync(c);
            log.LogInformation("Alert check: {Alerts} alerts raised ({Queued} deliveries queued), {NotNews} old anomalies not sent",
                alerts.Count, queued, notNews);
            return (alerts.Count, notNews, queued);
        }, ct);
    }

    /// <summary>Writes the check row (insert if absent; another instance writing it first is fine).</summary>
    private async Task RecordAsync(string? stamp, int anomalies, string? error, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (error is { Length: > 2000 }) error = error[..1999] + "…";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var updated = await db.AlertCheckRuns.Where(r => r.Id == RunId).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Stamp, r => stamp ?? r.Stamp)
            .SetProperty(r => r.RanAt, now)
            .SetProperty(r => r.Anomalies, anomalies)
            .SetProperty(r => r.Error, error), ct);
        if (updated > 0) return;
        db.AlertCheckRuns.Add(new AlertCheckRun { Id = RunId, Stamp = stamp ?? "", RanAt = now, Anomalies = anomalies, Error = error });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance wrote the first row at the same moment: its check stands for this one. Anything else is a failure.
            db.ChangeTracker.Clear();
            if (!await db.AlertCheckRuns.AsNoTracking().AnyAsync(r => r.Id == RunId, ct)) throw;
        }
    }
}
