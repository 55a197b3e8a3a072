using CostSense.Benchmarks.Scale;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Scale;

/// <summary>
/// The enterprise-scale benchmark's every scenario at <see cref="ScaleSize.Small"/>, on both stores, so none can rot
/// between the runs that measure it: each scenario checks its own results (the dashboard's figures against raw rows,
/// imported totals against the file's, a replaced month's totals, the grid's pages, the sessions' new data) and
/// throws when they are wrong. No timing is asserted here; the figures are the benchmark's (docs/benchmarks.md).
/// </summary>
public sealed class ScaleBenchmarkTests(ITestOutputHelper output)
{
    /// <summary>What each scenario must report, by a word of its figures' names.</summary>
    private static readonly string[] Expected =
    [
        "Large tenant built", "Dashboard, every widget, month to date, cold", "Dashboard, every widget, 90 days, warm",
        "raw rows grouped vs rollups", "Replace one month", "Recompute every recommendation", "Grid", "CSV export",
        "Filter change", "per idle circuit", "sessions (circuit client)", "idle circuit (circuit client", "Import of a FOCUS CSV", "peak working set",
    ];

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task Every_scenario_runs_at_a_small_size_and_reports_its_figures(StoreKind kind)
    {
        var postgres = kind == StoreKind.Postgres ? TestServers.RequirePostgres() : null;
        var log = new StringWriter();

        var report = await ScaleBenchmark.RunAsync(ScaleSize.Small, postgres, log, only: null, TestContext.Current.CancellationToken);
        output.WriteLine(log.ToString());

        var names = report.Figures.Select(f => f.Figure).ToList();
        foreach (var expected in Expected)
            Assert.Contains(names, n => n.Contains(expected, StringComparison.OrdinalIgnoreCase));
        Assert.All(report.Figures, f => Assert.Matches(@"\d", f.Measured));
        // Targets are PostgreSQL's: a SQLite run prints its figures and judges none.
        if (kind == StoreKind.Sqlite) Assert.All(report.Figures, f => Assert.Null(f.Met));
        // The table the benchmark prints for docs/benchmarks.md has every figure.
        Assert.All(report.Figures, f => Assert.Contains($"| {f.Figure} |", log.ToString()));
    }
}
