namespace CostSense.Core.Showback;

/// <summary>An allocation rule that cannot be saved, or no longer exists; the message says what to fix.</summary>
public sealed class AllocationRuleException(string message) : Exception(message);
