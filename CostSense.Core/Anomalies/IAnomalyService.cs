using CostSense.Core.Access;

namespace CostSense.Core.Anomalies;

/// <summary>What the anomalies page, the dashboard card and the assistant read and do. Triage needs ManageCostControls and is audited.</summary>
public interface IAnomalyService
{
    Task<IReadOnlyList<AnomalyView>> ListAsync(AnomalyQuery query, CancellationToken ct);

    /// <summary>One anomaly with its scope's series around it (the expected band, the anomalous days marked); null when gone.</summary>
    Task<AnomalyDetail?> GetAsync(long id, CancellationToken ct);

    Task<AnomalyView> AcknowledgeAsync(Actor actor, long id, CancellationToken ct);

    /// <summary>Marks it as expected (a planned migration, a known batch), with a note saying why; the note is required.</summary>
    Task<AnomalyView> MarkExpectedAsync(Actor actor, long id, string note, CancellationToken ct);

    /// <summary>Back to New (a triage made in error).</summary>
    Task<AnomalyView> ReopenAsync(Actor actor, long id, CancellationToken ct);
}
