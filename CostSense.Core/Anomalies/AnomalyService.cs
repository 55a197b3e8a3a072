using System.Diagnostics;
using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Anomalies;

/// <summary>
/// Detects anomalies at every scope the dashboard filters by (the tenant, subscriptions, resource groups, services, tag
/// values) from the rollups, in the dashboard's currency, names each one's drivers from the raw rows of its scope and
/// days, and keeps them in the store by fingerprint, so triage survives every run. Reading the list runs detection first
/// when the store's data changed since the last run here, so the page and the assistant never show a stale list.
/// </summary>
public sealed class AnomalyService(
    IDbContextFactory<CostSenseDbContext> dbFactory, ScopeCosts scopeCosts, CurrentPermissions permissions, AuditTrail audit,
    IOptions<AnomalyOptions> options, TimeProvider time, ILogger<AnomalyService> log) : IAnomalyDetection, IAnomalyService, IDisposable
{
    public const int MaxNote = 1000;
    private static readonly CostScopeKind[] Kinds =
        [CostScopeKind.Total, CostScopeKind.Subscription, CostScopeKind.ResourceGroup, CostScopeKind.Service, CostScopeKind.Tag];

    // One run at a time in this process; the stamp of the data the last run saw.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _detectedStamp;

    public async Task<AnomalyDetectionResult> DetectAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await DetectOnceMoreOnConflictAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<AnomalyDetectionResult> DetectOnceMoreOnConflictAsync(CancellationToken ct)
    {
        try
        {
            return await DetectLockedAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Another instance on the same store wrote the same fingerprints a moment ago: its rows are now known ones.
            log.LogInformation(e, "Anomaly detection met another instance's run; detecting again");
            return await DetectLockedAsync(ct);
        }
    }

    private async Task<AnomalyDetectionResult> DetectLockedAsync(CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var o = options.Value;
        var stamp = await StampAsync(ct);
        var latest = await scopeCosts.LatestDateAsync(ct);
        var found = new List<(CostScope Scope, AnomalyRun Run)>();
        string currency = "USD";
        DateOnly from = DateOnly.MaxValue;
        if (latest is { } to)
        {
            currency = await scopeCosts.CurrencyAsync(ct);
            from = to.AddDays(-(o.LookbackDays - 1));
            var readFrom = ReadFrom(from);
            foreach (var kind in Kinds)
            {
                var daily = await scopeCosts.DailyAsync(kind, readFrom, to, currency, null, ct);
                var keys = kind == CostScopeKind.Tag ? TagKeys(daily, from) : null;
                foreach (var scope in daily.GroupBy(d => d.Scope.Key))
                {
                    var s = scope.Last().Scope;
                    if (keys is not null && !keys.Contains(CostScope.SplitTag(s.Key).TagKey)) continue;
                    var costs = scope.GroupBy(d => d.Date).ToDictionary(g => g.Key, g => g.Sum(d => d.Cost));
                    foreach (var run in AnomalyDetector.Detect(costs, from, to, o).Anomalies)
                        found.Add((s, run));
                }
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Anomalies.ToListAsync(ct);
        var byFingerprint = rows.ToDictionary(r => r.Fingerprint, StringComparer.Ordinal);
        var seen = new HashSet<long>();
        int added = 0, updated = 0;
        var now = time.GetUtcNow();
        foreach (var (scope, run) in found)
        {
            var drivers = await DriversAsync(db, scope, run, currency, ct);
            var fingerprint = Fingerprint(run.Kind, scope, run.From);
            // A run that began as a spike and became a new level (or the reverse) keeps its row, its triage and its alert.
            var row = byFingerprint.GetValueOrDefault(fingerprint)
                ?? rows.FirstOrDefault(r => !seen.Contains(r.Id) && r.Id != 0 && r.ScopeKind == scope.Kind && r.ScopeKey == scope.Key && r.From == run.From);
            if (row is null)
            {
                row = new DetectedAnomaly
                {
                    Fingerprint = fingerprint, ScopeKey = scope.Key, ScopeName = scope.Name, Currency = currency, Summary = "", DriversJson = "[]",
                    ScopeKind = scope.Kind, Status = AnomalyStatus.New, DetectedAt = now,
                };
                db.Anomalies.Add(row);
                byFingerprint[fingerprint] = row;
                added++;
            }
            else
            {
                if (row.Id != 0) seen.Add(row.Id);
                if (row.Fingerprint != fingerprint) byFingerprint[fingerprint] = row;
                updated++;
            }
            var summary = AnomalySummary.Line(run, drivers, currency);
            var driversJson = AnomalyView.DriversJson(drivers);
            if (row.Id == 0 || row.Fingerprint != fingerprint || row.Kind != run.Kind || row.To != run.To || row.Expected != run.Expected
                || row.Actual != run.Actual || row.Summary != summary || row.DriversJson != driversJson || row.Currency != currency || row.ScopeName != scope.Name)
            {
                (row.Fingerprint, row.Kind, row.From, row.To, row.Expected, row.Actual) = (fingerprint, run.Kind, run.From, run.To, run.Expected, run.Actual);
                (row.Summary, row.DriversJson, row.Currency, row.ScopeName) = (summary, driversJson, currency, scope.Name);
                row.UpdatedAt = now;
            }
        }

        // What the data no longer shows goes, unless someone triaged it; days before the judged window are left alone.
        var stale = rows.Where(r => r.Id != 0 && !seen.Contains(r.Id) && r.Status == AnomalyStatus.New && (latest is null || r.To >= from)).ToList();
        db.Anomalies.RemoveRange(stale);
        await db.SaveChangesAsync(ct);
        _detectedStamp = stamp;
        var total = await db.Anomalies.CountAsync(ct);
        var elapsed = time.GetElapsedTime(started);
        log.LogInformation("Anomaly detection: {Found} found ({Added} new, {Updated} known, {Removed} gone), {Total} stored, in {Elapsed}",
            found.Count, added, updated, stale.Count, total, elapsed);
        return new AnomalyDetectionResult(total, added, updated, stale.Count, elapsed);
    }

    private DateOnly ReadFrom(DateOnly from) => from.AddDays(-options.Value.BaselineDays - 31);

    /// <summary>The tag keys whose values are scopes: the configured ones, or every key with few enough values.</summary>
    private HashSet<string> TagKeys(IReadOnlyList<ScopeDailyCost> daily, DateOnly from)
    {
        var o = options.Value;
        if (o.TagKeys.Count > 0) return o.TagKeys.Select(CostTags.NormalizeKey).ToHashSet(StringComparer.Ordinal);
        return daily.Where(d => d.Date >= from).Select(d => CostScope.SplitTag(d.Scope.Key)).Distinct()
            .GroupBy(t => t.TagKey).Where(g => g.Count() <= o.MaxTagValues).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
    }

    public static string Fingerprint(AnomalyKind kind, CostScope scope, DateOnly from) => $"{kind}|{scope.Kind}|{scope.Key}|{from:yyyy-MM-dd}";

    /// <summary>The drivers from the raw rows of the scope over the anomaly's days (a new level's first days) and the baseline before them.</summary>
    private async Task<IReadOnlyList<AnomalyDriver>> DriversAsync(CostSenseDbContext db, CostScope scope, AnomalyRun run, string currency, CancellationToken ct)
    {
        var o = options.Value;
        var to = run.Kind == AnomalyKind.LevelShift && run.Days > o.LevelShiftDriverDays ? run.From.AddDays(o.LevelShiftDriverDays - 1) : run.To;
        var baselineFrom = run.From.AddDays(-o.BaselineDays);
        var rows = await ScopeRows(db, scope, baselineFrom, to, currency)
            .Select(r => new { r.ChargePeriodStart, r.ResourceId, r.ResourceName, Meter = r.SkuMeterName ?? r.SkuId, r.ServiceName, r.EffectiveCost,
                r.ConsumedQuantity, r.ConsumedUnit, r.Tags })
            .ToListAsync(ct);
        var driverRows = rows;
        if (scope.Kind == CostScopeKind.Tag)
        {
            var (key, value) = CostScope.SplitTag(scope.Key);
            driverRows = rows.Where(r => CostTags.Parse(r.Tags).Any(t => t.Key == key && t.Value == value)).ToList();
        }
        return AnomalyDrivers.Compute(
            driverRows.Select(r => new DriverRow(r.ChargePeriodStart, r.ResourceId, r.ResourceName, r.Meter, r.ServiceName, r.EffectiveCost, r.ConsumedQuantity, r.ConsumedUnit)),
            baselineFrom, run.From, to, currency, o);
    }

    private static IQueryable<CostRecord> ScopeRows(CostSenseDbContext db, CostScope scope, DateOnly from, DateOnly to, string currency)
    {
        var q = db.CostRecords.AsNoTracking().Where(r => r.ChargePeriodStart >= from && r.ChargePeriodStart <= to && r.BillingCurrency == currency);
        switch (scope.Kind)
        {
            case CostScopeKind.Subscription:
                return q.Where(r => r.SubAccountId == scope.Key);
            case CostScopeKind.ResourceGroup:
                var (sub, group) = CostScope.SplitResourceGroup(scope.Key);
                return q.Where(r => r.SubAccountId == sub && r.ResourceGroup == group);
            case CostScopeKind.Service:
                return q.Where(r => r.ServiceName == scope.Key);
            case CostScopeKind.Tag:
                var (_, value) = CostScope.SplitTag(scope.Key);
                q = q.Where(r => r.Tags != null);
                // A plain value is found in the JSON text as written; any other is matched after parsing only.
                return value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ' ') ? q.Where(r => r.Tags!.Contains(value)) : q;
            default:
                return q;
        }
    }

    public async Task<IReadOnlyList<AnomalyView>> ListAsync(AnomalyQuery query, CancellationToken ct)
    {
        await EnsureCurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Anomalies.AsNoTracking();
        if (query.Status is { } status) q = q.Where(a => a.Status == status);
        if (query.ScopeKind is { } kind) q = q.Where(a => a.ScopeKind == kind);
        if (query.Since is { } since) q = q.Where(a => a.To >= since);
        var rows = await q.OrderByDescending(a => a.To).ThenByDescending(a => a.Id).Take(Math.Clamp(query.Take, 1, 5_000)).ToListAsync(ct);
        return rows.Select(AnomalyView.Of).ToList();
    }

    public async Task<AnomalyDetail?> GetAsync(long id, CancellationToken ct)
    {
        await EnsureCurrentAsync(ct);
        DetectedAnomaly? row;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            row = await db.Anomalies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (row is null) return null;
        var view = AnomalyView.Of(row);
        var latest = await scopeCosts.LatestDateAsync(ct) ?? row.To;
        var from = row.From.AddDays(-30);
        var to = row.To.AddDays(7) < latest ? row.To.AddDays(7) : latest;
        if (to < row.To) to = row.To;
        var series = await scopeCosts.SeriesAsync(view.Scope, ReadFrom(from), to, row.Currency, ct);
        var costs = series.SkipWhile(d => d.Cost == 0).ToDictionary(d => d.Date, d => d.Cost);
        var trace = AnomalyDetector.Detect(costs, from, to, options.Value).Points.ToDictionary(p => p.Date);
        var points = series.Where(d => d.Date >= from).Select(d =>
        {
            var anomalous = d.Date >= row.From && d.Date <= row.To;
            return trace.TryGetValue(d.Date, out var p)
                ? new AnomalyBandPoint(d.Date, d.Cost, Math.Round(p.Expected, 2), Math.Round(p.Low, 2), Math.Round(p.High, 2), anomalous)
                : new AnomalyBandPoint(d.Date, d.Cost, d.Cost, d.Cost, d.Cost, anomalous);
        }).ToList();
        return new AnomalyDetail(view, points);
    }

    public Task<AnomalyView> AcknowledgeAsync(Actor actor, long id, CancellationToken ct) =>
        TriageAsync(actor, id, AnomalyStatus.Acknowledged, null, AuditActions.AnomalyAcknowledge, ct);

    public Task<AnomalyView> MarkExpectedAsync(Actor actor, long id, string note, CancellationToken ct)
    {
        var text = note?.Trim() ?? "";
        if (text.Length == 0) throw new AnomalyException("A note is required to mark an anomaly as expected: say why it was expected (a planned migration, a known batch).");
        if (text.Length > MaxNote) throw new AnomalyException($"The note is {text.Length} characters long; at most {MaxNote} are kept.");
        return TriageAsync(actor, id, AnomalyStatus.Expected, text, AuditActions.AnomalyExpected, ct);
    }

    public Task<AnomalyView> ReopenAsync(Actor actor, long id, CancellationToken ct) =>
        TriageAsync(actor, id, AnomalyStatus.New, null, AuditActions.AnomalyReopen, ct);

    private async Task<AnomalyView> TriageAsync(Actor actor, long id, AnomalyStatus status, string? note, string action, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageCostControls, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Anomalies.SingleOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new AnomalyException("This anomaly is no longer in the store (the data changed and detection removed it). Reload the list.");
        var before = row.Status;
        row.Status = status;
        if (status == AnomalyStatus.New)
            (row.Note, row.TriagedBy, row.TriagedAt) = (null, null, null);
        else
            (row.Note, row.TriagedBy, row.TriagedAt) = (note ?? row.Note, actor.Name, time.GetUtcNow());
        var detail = $"{before} → {status}: {row.Summary}" + (note is null ? "" : $" — note: {note}");
        db.AuditEntries.Add(audit.Entry(actor, action, $"{Describe(row)} from {row.From:yyyy-MM-dd}", detail));
        await db.SaveChangesAsync(ct);
        return AnomalyView.Of(row);
    }

    /// <summary>Runs detection when the store's data changed since the last run in this process (or none ran yet).</summary>
    private async Task EnsureCurrentAsync(CancellationToken ct)
    {
        var stamp = await StampAsync(ct);
        if (stamp == _detectedStamp) return;
        await _gate.WaitAsync(ct);
        try
        {
            if (await StampAsync(ct) != _detectedStamp) await DetectOnceMoreOnConflictAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> StampAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await PeriodVersions.DataStampAsync(db, ct);
    }

    private static string Describe(DetectedAnomaly row) => new CostScope(row.ScopeKind, row.ScopeKey, row.ScopeName).Describe();

    public void Dispose() => _gate.Dispose();
}
