using System.Diagnostics;
using CostSense.Core.Costs;
using CostSense.Core.Reports;
using CostSense.Core.Reports.Pdf;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Pdf.IO;

/// <summary>
/// The executive summary over the demo tenant:
///   dotnet run -c Release --project benchmarks/CostSense.Benchmarks -- --report 7 [--postgres "Host=..."]
/// seeds the default demo tenant, then for two scopes (all subscriptions month to date; one subscription last month)
/// times building the report from the services (dashboard cache off, so every run reads the store) and rendering its
/// PDF, over that many runs after a warm-up, and prints the medians with the file's size and page count.
/// </summary>
internal static class ReportBenchmark
{
    public static async Task RunAsync(int runs, string? postgres)
    {
        runs = Math.Max(1, runs);
        await using var store = await BenchmarkStore.StartAsync("reportbench", new()
        {
            ["CostSense:Cache:Enabled"] = "false",
        }, postgres);
        var seed = Stopwatch.StartNew();
        await store.SeedDemoTenantAsync();
        seed.Stop();

        var sp = store.Services;
        var dashboard = sp.GetRequiredService<IDashboardService>();
        var builder = sp.GetRequiredService<SummaryReportBuilder>();
        var writer = sp.GetRequiredService<SummaryPdfWriter>();
        var asOf = (await dashboard.LatestDataDateAsync(default))!.Value;
        var month = new DateOnly(asOf.Year, asOf.Month, 1);
        var subscription = (await dashboard.GetAsync(new CostFilter(month, asOf), default)).Subscriptions[0];

        Console.WriteLine($"store: {(postgres is null ? "SQLite" : "PostgreSQL")}; demo tenant seeded in {seed.Elapsed.TotalSeconds:N1} s; data through {asOf:yyyy-MM-dd}; {runs} runs, median shown");
        Console.WriteLine($"{"scope",-44} {"build-report ms",16} {"render ms",10} {"total ms",9} {"bytes",9} {"pages",6}");
        await Case($"all subscriptions, {month:yyyy-MM-dd} to {asOf:yyyy-MM-dd}", new SummaryRequest(month, asOf));
        var last = month.AddMonths(-1);
        await Case($"{subscription.Name}, {last:yyyy-MM-dd} to {month.AddDays(-1):yyyy-MM-dd}", new SummaryRequest(last, month.AddDays(-1), subscription.Id));

        async Task Case(string name, SummaryRequest request)
        {
            writer.Write(await builder.BuildAsync(request, "benchmark", default)); // warm up: JIT, fonts, first queries
            var build = new List<double>();
            var render = new List<double>();
            var total = new List<double>();
            byte[] pdf = [];
            for (var i = 0; i < runs; i++)
            {
                var sw = Stopwatch.StartNew();
                var report = await builder.BuildAsync(request, "benchmark", default);
                var built = sw.Elapsed.TotalMilliseconds;
                pdf = writer.Write(report);
                var done = sw.Elapsed.TotalMilliseconds;
                build.Add(built);
                render.Add(done - built);
                total.Add(done);
            }
            using var read = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
            Console.WriteLine($"{name,-44} {Median(build),16:N1} {Median(render),10:N1} {Median(total),9:N1} {pdf.Length,9:N0} {read.PageCount,6}");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
