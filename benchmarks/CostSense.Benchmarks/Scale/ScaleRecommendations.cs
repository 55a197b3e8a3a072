namespace CostSense.Benchmarks.Scale;

/// <summary>Placeholder until the recommendations-helper fills it in (issue 17).</summary>
public static class ScaleRecommendations
{
    public static Task RunAsync(ScaleContext context, CancellationToken ct) => throw new NotImplementedException("ScaleRecommendations is being written (issue 17).");
}
