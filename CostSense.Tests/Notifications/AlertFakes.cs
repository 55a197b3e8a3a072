using CostSense.Core.Anomalies;
using CostSense.Core.Budgets;

namespace CostSense.Tests.Notifications;

/// <summary>
/// Stands in for the anomaly detection (built on another branch): counts its runs, can fail, and can run a step of the
/// test's (writing anomalies, say) as a real detection would.
/// </summary>
public sealed class CountingDetection : IAnomalyDetection
{
    private int _runs;
    public int Runs => Volatile.Read(ref _runs);
    public Exception? Fail { get; set; }
    public Func<CancellationToken, Task>? OnRun { get; set; }

    public async Task<AnomalyDetectionResult> DetectAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _runs);
        if (Fail is { } e) throw e;
        if (OnRun is { } run) await run(ct);
        return new AnomalyDetectionResult(0, 0, 0, 0, TimeSpan.Zero);
    }
}

/// <summary>Stands in for the budget evaluation (built on another branch): counts its runs and can write crossings when called.</summary>
public sealed class CountingBudgets : IBudgetEvaluation
{
    private int _runs;
    public int Runs => Volatile.Read(ref _runs);
    public Exception? Fail { get; set; }
    public Func<CancellationToken, Task<int>>? OnRun { get; set; }

    public async Task<int> EvaluateAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _runs);
        if (Fail is { } e) throw e;
        return OnRun is { } run ? await run(ct) : 0;
    }
}
