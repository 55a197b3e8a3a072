namespace CostSense.Web.Account.Entra;

public enum ExternalLinkOutcome { Existing, Linked, Created, LockedOut, NoEmail }

public sealed record ExternalLinkResult(ExternalLinkOutcome Outcome, string? UserId = null)
{
    public bool MaySignIn => Outcome is ExternalLinkOutcome.Existing or ExternalLinkOutcome.Linked or ExternalLinkOutcome.Created;
}
