namespace CostSense.Benchmarks.Scale;

/// <summary>Placeholder until the import helper fills it in (issue 17).</summary>
public static class ScaleImport
{
    public static Task RunAsync(ScaleSize size, string? postgres, ScaleReport report, CancellationToken ct) => throw new NotImplementedException("ScaleImport is being written (issue 17).");
}
