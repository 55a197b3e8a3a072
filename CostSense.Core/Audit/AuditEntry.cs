namespace CostSense.Core.Audit;

/// <summary>One state change: who did what to which thing, when. Rows are only ever added.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    /// <summary>A dotted verb such as <c>demo.generate</c> or <c>user.role</c>; see <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }
    /// <summary>What was changed (a user's e-mail, a recommendation, a period), empty when the action is global.</summary>
    public string Target { get; set; } = "";
    /// <summary>The change in words, with the numbers ("62,063 cost rows, 2026-06-01..2026-11-26").</summary>
    public string Detail { get; set; } = "";
}

public static class AuditActions
{
    public const string DemoGenerate = "demo.generate";
    public const string UserCreate = "user.create";
    public const string UserRole = "user.role";
    public const string UserLock = "user.lock";
    public const string UserUnlock = "user.unlock";
    public const string UserPasswordReset = "user.password-reset";
    public const string UserPasswordChange = "user.password-change";
    public const string UserLockedOut = "user.locked-out";
    public const string UserExternalLink = "user.external-login";
}
