namespace CostSense.Core.Data.Entities;

/// <summary>One state change: who did what to which thing, when. Rows are only ever added.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    /// <summary>A dotted verb such as <c>demo.generate</c> or <c>user.role</c>; see <see cref="Audit.AuditActions"/>.</summary>
    public required string Action { get; set; }
    /// <summary>What was changed (a user's e-mail, a recommendation, a period), empty when the action is global.</summary>
    public string Target { get; set; } = "";
    /// <summary>The change in words, with the numbers ("62,063 cost rows, 2026-06-01..2026-11-26").</summary>
    public string Detail { get; set; } = "";
}
