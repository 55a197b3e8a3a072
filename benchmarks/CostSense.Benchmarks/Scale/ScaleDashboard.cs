namespace CostSense.Benchmarks.Scale;

/// <summary>Placeholder until the me fills it in (issue 17).</summary>
public static class ScaleDashboard
{
    public static Task RunAsync(ScaleContext context, CancellationToken ct) => throw new NotImplementedException("ScaleDashboard is being written (issue 17).");
}
