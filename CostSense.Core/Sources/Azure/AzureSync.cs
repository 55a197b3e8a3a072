using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CostSense.Core.Sources.Azure;

/// <summary>
/// A sync with Azure: resolves the subscriptions in scope, runs each step (inventory, metrics, costs, prices, Advisor) in
/// turn, records the run and each step's outcome in the store, and recomputes the recommendations once data changed.
/// A step that fails is recorded with <see cref="AzureFailure"/>'s words and the next one runs; its previous data stays.
/// One sync at a time across every instance (<see cref="AzureSyncLock"/>). Sync now runs on the app's lifetime, not the
/// page's: closing the browser does not stop it.
/// </summary>
public sealed class AzureSync(AzureConnection connection, AzureScope scope, IEnumerable<IAzureSyncStep> steps, AzureSyncLock syncLock,
    IDbContextFactory<CostSenseDbContext> dbFactory, IRecommendationService recommendations, CurrentPermissions permissions, AuditTrail audit,
    IHostApplicationLifetime lifetime, TimeProvider time, ILogger<AzureSync> log)
{
    /// <summary>Who scheduled syncs are recorded as.</summary>
    public const string Schedule = "schedule";

    private readonly IReadOnlyList<IAzureSyncStep> _steps = steps.OrderBy(s => s.Step).ToList();
    private readonly Lock _gate = new();
    private AzureSyncProgress? _current;

    /// <summary>The sync running on this instance, or null.</summary>
    public AzureSyncProgress? Current { get { lock (_gate) return _current; } }

    /// <summary>The task of the sync Sync now started last (tests await it).</summary>
    public Task<AzureSyncRun?> Running { get; private set; } = Task.FromResult<AzureSyncRun?>(null);

    /// <summary>Raised (on any thread) whenever <see cref="Current"/> changes or a run ends.</summary>
    public event Action? Changed;

    public bool Enabled => connection.Options.Enabled;

    /// <summary>Sync now: starts a sync for <paramref name="actor"/> (Analyst or Admin) in the background and returns at once.</summary>
    /// <exception cref="AccessDeniedException">The actor may not sync.</exception>
    public async Task<AzureSyncStartResult> StartAsync(Actor actor, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageData, ct);
        if (!Enabled) return AzureSyncStartResult.Disabled;
        var held = await syncLock.TryAcquireAsync(ct);
        if (held is null) return AzureSyncStartResult.AlreadyRunning;
        await audit.RecordAsync(actor, AuditActions.AzureSync, scope.Describe(), "Sync now", ct);
        Running = Task.Run(async () =>
        {
            await using (held)
                return await RunLockedAsync(actor.Name, lifetime.ApplicationStopping);
        }, CancellationToken.None);
        return AzureSyncStartResult.Started;
    }

    /// <summary>
    /// Runs a sync to its end (the schedule, the command line, tests); null when another sync holds the lock or Azure is off.
    /// </summary>
    public async Task<AzureSyncRun?> RunAsync(string triggeredBy, CancellationToken ct)
    {
        if (!Enabled) return null;
        await using var held = await syncLock.TryAcquireAsync(ct);
        if (held is null)
        {
            log.LogInformation("An Azure sync is running already; this one ({TriggeredBy}) is skipped", triggeredBy);
            return null;
        }
        return await RunLockedAsync(triggeredBy, ct);
    }

    /// <summary>The latest runs with their steps, newest first.</summary>
    public async Task<IReadOnlyList<AzureSyncRun>> HistoryAsync(int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AzureSyncRuns.AsNoTracking().Include(r => r.Steps)
            .OrderByDescending(r => r.Id).Take(Math.Clamp(take, 1, 100)).ToListAsync(ct);
    }

    private async Task<AzureSyncRun?> RunLockedAsync(string triggeredBy, CancellationToken ct)
    {
        var run = new AzureSyncRun
        {
            StartedAt = time.GetUtcNow(),
            TriggeredBy = triggeredBy,
            Instance = Environment.MachineName,
            Status = AzureSyncStatus.Running,
            Steps = _steps.Select(s => new AzureSyncStepRun { Step = s.Step, Status = AzureSyncStatus.Pending }).ToList(),
        };
        await SaveAsync(run, added: true, ct);
        Publish(run, []);
        log.LogInformation("Azure sync {Run} started by {TriggeredBy}: {Scope}", run.Id, triggeredBy, scope.Describe());
        IReadOnlyList<AzureSubscription> subscriptions = [];
        try
        {
            subscriptions = await scope.ResolveAsync(ct);
            Publish(run, subscriptions);
            var changed = false;
            foreach (var step in _steps)
                changed |= await RunStepAsync(run, step, subscriptions, ct);
            if (changed) await RecomputeAsync(run, ct);
            run.Status = run.Steps.All(s => s.Status == AzureSyncStatus.Succeeded) ? AzureSyncStatus.Succeeded : AzureSyncStatus.Failed;
            run.Message ??= Summary(run, subscriptions);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The scope itself could not be read (credential, role, network): no step ran.
            run.Status = AzureSyncStatus.Failed;
            run.Message = e is AzureScopeException ? e.Message : AzureFailure.Describe(e, "the subscription list", "Reader", scope.Describe());
            foreach (var s in run.Steps.Where(s => s.Status == AzureSyncStatus.Pending)) s.Status = AzureSyncStatus.Skipped;
            log.LogWarning(e, "Azure sync {Run} could not read its scope", run.Id);
        }
        catch (OperationCanceledException)
        {
            run.Status = AzureSyncStatus.Failed;
            run.Message = "The sync was stopped (the app is shutting down); the data read before stays.";
            foreach (var s in run.Steps.Where(s => s.Status is AzureSyncStatus.Pending or AzureSyncStatus.Running)) s.Status = AzureSyncStatus.Skipped;
        }
        run.FinishedAt = time.GetUtcNow();
        await SaveAsync(run, added: false, CancellationToken.None);
        lock (_gate) _current = null;
        Changed?.Invoke();
        log.LogInformation("Azure sync {Run} ended {Status}: {Message}", run.Id, run.Status, run.Message);
        return run;
    }

    /// <summary>Runs one step and records it; true when it wrote data.</summary>
    private async Task<bool> RunStepAsync(AzureSyncRun run, IAzureSyncStep step, IReadOnlyList<AzureSubscription> subscriptions, CancellationToken ct)
    {
        var record = run.Steps.Single(s => s.Step == step.Step);
        record.Status = AzureSyncStatus.Running;
        record.StartedAt = time.GetUtcNow();
        Publish(run, subscriptions);
        await SaveAsync(run, added: false, ct);
        var progress = new StepProgress(this, run, record, subscriptions);
        try
        {
            var outcome = await step.RunAsync(new AzureSyncContext(subscriptions, run.StartedAt, progress), ct);
            record.Status = AzureSyncStatus.Succeeded;
            record.Items = outcome.Items;
            record.Message = outcome.Summary;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            record.Status = AzureSyncStatus.Failed;
            record.Message = AzureFailure.Describe(e, step.Step, subscriptions.Count == 1 ? subscriptions[0].Scope : scope.Describe());
            record.RetryAt = (e as AzureThrottledException)?.RetryAt;
            log.LogWarning(e, "Azure sync {Run}: the {Step} step failed", run.Id, step.Step);
        }
        record.FinishedAt = time.GetUtcNow();
        Publish(run, subscriptions);
        await SaveAsync(run, added: false, ct);
        return record.Status == AzureSyncStatus.Succeeded;
    }

    private async Task RecomputeAsync(AzureSyncRun run, CancellationToken ct)
    {
        try
        {
            var result = await recommendations.RecomputeAsync(ct);
            log.LogInformation("Azure sync {Run}: recommendations recomputed ({Result})", run.Id, result);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            run.Message = $"The data was synced, but recomputing the recommendations failed: {e.Message}";
            log.LogError(e, "Azure sync {Run}: recomputing the recommendations failed", run.Id);
        }
    }

    private static string Summary(AzureSyncRun run, IReadOnlyList<AzureSubscription> subscriptions)
    {
        var failed = run.Steps.Where(s => s.Status == AzureSyncStatus.Failed).Select(s => s.Step.ToString().ToLowerInvariant()).ToList();
        var where = subscriptions.Count == 1 ? $"subscription {subscriptions[0].DisplayName}" : $"{subscriptions.Count} subscriptions";
        return failed.Count == 0 ? $"Synced {where}." : $"Synced {where}; {string.Join(", ", failed)} failed (see below), their previous data stays.";
    }

    private async Task SaveAsync(AzureSyncRun run, bool added, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (added) db.AzureSyncRuns.Add(run);
        else db.AzureSyncRuns.Update(run);
        await db.SaveChangesAsync(ct);
    }

    private void Publish(AzureSyncRun run, IReadOnlyList<AzureSubscription> subscriptions, AzureSyncStep? step = null, string? line = null)
    {
        lock (_gate)
        {
            var previous = _current;
            _current = new AzureSyncProgress(run.Id, run.StartedAt, run.TriggeredBy, run.Steps.Select(s =>
                new AzureStepProgress(s.Step, s.Status, s.Items,
                    s.Step == step ? line : s.Status == AzureSyncStatus.Running ? previous?.Steps.FirstOrDefault(p => p.Step == s.Step)?.Line : s.Message,
                    s.RetryAt)).ToList())
            { Subscriptions = subscriptions };
        }
        Changed?.Invoke();
    }

    private sealed class StepProgress(AzureSync sync, AzureSyncRun run, AzureSyncStepRun record, IReadOnlyList<AzureSubscription> subscriptions) : IProgress<string>
    {
        public void Report(string value) => sync.Publish(run, subscriptions, record.Step, value);
    }
}
