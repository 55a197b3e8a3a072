namespace CostSense.Benchmarks.Scale;

/// <summary>Placeholder until the sessions-helper fills it in (issue 17).</summary>
public static class ScaleSessions
{
    public static Task RunAsync(ScaleContext context, CancellationToken ct) => throw new NotImplementedException("ScaleSessions is being written (issue 17).");
}
