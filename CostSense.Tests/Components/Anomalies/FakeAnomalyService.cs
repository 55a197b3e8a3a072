using CostSense.Core.Access;
using CostSense.Core.Anomalies;
using CostSense.Core.Data.Entities;

namespace CostSense.Tests.Components.Anomalies;

/// <summary>
/// An anomaly service over a list in memory that behaves as the contract says: lists by status and scope kind newest
/// first, triage needs ManageCostControls and records who and when, a note is required for "expected". It keeps the
/// queries and triages it was asked for, and can fail (the store down) on reads or on triage.
/// </summary>
public sealed class FakeAnomalyService : IAnomalyService
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 15, 0, TimeSpan.Zero);

    public List<AnomalyView> Items { get; } = [.. AnomalySamples.All];
    public List<AnomalyQuery> Queries { get; } = [];
    public List<(Actor Actor, long Id, AnomalyStatus To, string? Note)> Triages { get; } = [];
    public Exception? Failure { get; set; }
    public Exception? TriageFailure { get; set; }

    public Task<IReadOnlyList<AnomalyView>> ListAsync(AnomalyQuery query, CancellationToken ct)
    {
        Queries.Add(query);
        if (Failure is not null) throw Failure;
        IReadOnlyList<AnomalyView> found = Items
            .Where(a => query.Status is null || a.Status == query.Status)
            .Where(a => query.ScopeKind is null || a.Scope.Kind == query.ScopeKind)
            .Where(a => query.Since is null || a.To >= query.Since)
            .OrderByDescending(a => a.To).ThenByDescending(a => a.Id)
            .Take(query.Take)
            .ToList();
        return Task.FromResult(found);
    }

    public Task<AnomalyDetail?> GetAsync(long id, CancellationToken ct)
    {
        if (Failure is not null) throw Failure;
        var found = Items.SingleOrDefault(a => a.Id == id);
        return Task.FromResult(found is null ? null : new AnomalyDetail(found, AnomalySamples.Series(found)));
    }

    public Task<AnomalyView> AcknowledgeAsync(Actor actor, long id, CancellationToken ct) => Triage(actor, id, AnomalyStatus.Acknowledged, null);

    public Task<AnomalyView> MarkExpectedAsync(Actor actor, long id, string note, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(note)) throw new ArgumentException("Say why it is expected: the note is required.", nameof(note));
        return Triage(actor, id, AnomalyStatus.Expected, note);
    }

    public Task<AnomalyView> ReopenAsync(Actor actor, long id, CancellationToken ct) => Triage(actor, id, AnomalyStatus.New, null);

    private Task<AnomalyView> Triage(Actor actor, long id, AnomalyStatus to, string? note)
    {
        if (TriageFailure is not null) throw TriageFailure;
        if (!actor.Can(Permission.ManageCostControls)) throw new AccessDeniedException(actor, Permission.ManageCostControls);
        Triages.Add((actor, id, to, note));
        var index = Items.FindIndex(a => a.Id == id);
        var saved = to == AnomalyStatus.New
            ? Items[index] with { Status = to, Note = null, TriagedBy = null, TriagedAt = null }
            : Items[index] with { Status = to, Note = note, TriagedBy = actor.Name, TriagedAt = Now };
        Items[index] = saved;
        return Task.FromResult(saved);
    }
}
