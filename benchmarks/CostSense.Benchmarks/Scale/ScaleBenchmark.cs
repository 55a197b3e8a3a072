using System.Diagnostics;
using CostSense.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Benchmarks.Scale;

/// <summary>
/// The enterprise-scale run:
///   dotnet run -c Release --project benchmarks/CostSense.Benchmarks -- --scale full|medium|small [--only dashboard,import,…] [--keep] --postgres "Host=…"
/// runs the import first, into a store of its own, then builds the large tenant once (the demo generator at
/// <see cref="ScaleSize.Full"/>: 20,000 VMs, 10,000 storage accounts, 13 months) and runs each other scenario over it;
/// prints every figure as it comes and the whole table at the end. The test suite runs it at <see cref="ScaleSize.Small"/>.
/// Why the import first: its figure is the process's peak working set, and a working set only ever shows what the
/// process holds, not what the import needs; after the tenant's seed and the other scenarios the process held 401 MB
/// before the import read a row. First, it holds only the host.
/// </summary>
public static class ScaleBenchmark
{
    /// <summary>The scenarios, in the order they run; <c>--only</c> picks some by these names.</summary>
    public static IReadOnlyList<string> Scenarios { get; } = ["import", "dashboard", "replace-month", "recommendations", "circuits", "sessions"];

    /// <param name="keep">
    /// PostgreSQL: keep the large tenant's database after the run and reuse it (no seed) when it holds cost rows already;
    /// a tenant seeded by an older build is migrated first.
    /// </param>
    public static async Task<ScaleReport> RunAsync(ScaleSize size, string? postgres, TextWriter output, IReadOnlyCollection<string>? only, CancellationToken ct,
        bool keep = false)
    {
        var report = new ScaleReport(output);
        bool Runs(string scenario) => only is null || only.Count == 0 || only.Contains(scenario);
        report.Say($"scale run '{size.Name}' on {(postgres is null ? "SQLite" : "PostgreSQL")}: {size.VirtualMachines:N0} VMs, {size.StorageAccounts:N0} storage accounts, {size.Months} months");

        if (Runs("import")) await ScaleImport.RunAsync(size, postgres, report, ct);

        if (Scenarios.Where(s => s != "import").Any(Runs))
        {
            await using var tenant = await ScaleStore.StartAsync($"scale_{size.Name}", size, postgres, ct, keep);
            var seed = Stopwatch.StartNew();
            bool reused;
            await using (var db = await tenant.Services.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(ct))
                reused = await db.CostRecords.AnyAsync(ct);
            if (!reused) await tenant.SeedDemoTenantAsync(ct);
            seed.Stop();
            await using (var db = await tenant.Services.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(ct))
            {
                var rows = await db.CostRecords.LongCountAsync(ct);
                var rollups = await db.DailyCostRollups.LongCountAsync(ct);
                var metrics = await db.DailyMetrics.LongCountAsync(ct);
                report.Add(new ScaleFigure("Large tenant built (demo generator)", "—",
                    $"{rows:N0} cost rows, {rollups:N0} rollups, {metrics:N0} metric rows " +
                    (reused ? "(kept from an earlier run)" : $"in {seed.Elapsed.TotalSeconds:N0} s")));
            }
            var context = new ScaleContext(size, tenant, postgres, report);
            if (Runs("dashboard")) await ScaleDashboard.RunAsync(context, ct);
            if (Runs("replace-month")) await ScaleReplaceMonth.RunAsync(context, ct);
            if (Runs("recommendations")) await ScaleRecommendations.RunAsync(context, ct);
            if (Runs("circuits")) await ScaleCircuits.RunAsync(context, ct);
            if (Runs("sessions")) await ScaleSessions.RunAsync(context, ct);
        }
        report.WriteTable();
        return report;
    }
}
