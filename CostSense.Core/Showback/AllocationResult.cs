namespace CostSense.Core.Showback;

/// <summary>
/// Exact (unrounded) amounts per tag value after the rules ran; the key <see cref="AllocationEngine.Untagged"/> holds
/// the untagged cost. For each value Total = Direct + In − Out, and the totals add up to the cells' sum exactly.
/// </summary>
public sealed record AllocationResult(
    IReadOnlyDictionary<string, AllocationAmounts> Values,
    IReadOnlyList<AllocationOutcome> Outcomes);

/// <summary>One value's direct cost, the cost rules gave it (In) and took from it (Out), exact.</summary>
public sealed record AllocationAmounts(decimal Direct, decimal In, decimal Out)
{
    public decimal Total => Direct + In - Out;
}
