namespace CostSense.Benchmarks.Scale;

/// <summary>Placeholder until the store-helper fills it in (issue 17).</summary>
public static class ScaleReplaceMonth
{
    public static Task RunAsync(ScaleContext context, CancellationToken ct) => throw new NotImplementedException("ScaleReplaceMonth is being written (issue 17).");
}
