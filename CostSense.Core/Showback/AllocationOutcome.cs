namespace CostSense.Core.Showback;

/// <summary>What one allocation rule did in a view: the cost it took, how many values received it, and why it did not act.</summary>
public sealed record AllocationOutcome(long RuleId, string RuleName, decimal Taken, int Recipients, string? Note)
{
    public bool Applied => Recipients > 0 && Taken != 0;
}
