namespace CostSense.Web.Account;

public sealed record UserRow(string Id, string Email, string? Role, DateTimeOffset? LockedUntil, int FailedSignIns,
    DateTimeOffset CreatedAt, bool HasPassword, IReadOnlyList<string> ExternalLogins);
