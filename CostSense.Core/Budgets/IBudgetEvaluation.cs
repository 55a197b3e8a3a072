namespace CostSense.Core.Budgets;

/// <summary>
/// Compares every budget's current month (and a month just closed) with its thresholds and stores each crossing once.
/// The alert check calls it on every tick; the budgets page after a save.
/// </summary>
public interface IBudgetEvaluation
{
    /// <summary>Returns how many crossings were new.</summary>
    Task<int> EvaluateAsync(CancellationToken ct);
}
