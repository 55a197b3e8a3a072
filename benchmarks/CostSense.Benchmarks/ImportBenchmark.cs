using System.Diagnostics;
using CostSense.Benchmarks.Scale;
using CostSense.Core.Access;
using CostSense.Core.Imports;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The cost importer at export scale:
///   dotnet run -c Release --project benchmarks/CostSense.Benchmarks -- --import 2000000 --postgres "Host=...;Username=...;Password=..."
/// writes an Azure FocusCost 1.0r2 CSV of that many daily rows (<see cref="FocusCsv"/>, the scale run's generator), imports
/// it into a fresh store through CostImporter (on PostgreSQL one pass: every row checked as it streams into COPY, in one
/// transaction; on SQLite two), and prints rows per second and the process's peak working set during the import; then
/// loads the same file with <c>psql \copy</c> into a table of the file's own columns on the same server
/// (<see cref="PsqlCopy"/>), for scale. Without --postgres it imports into SQLite and skips psql.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task RunAsync(int rows, string? postgres)
    {
        var folder = Directory.CreateTempSubdirectory("costsense-importbench-").FullName;
        try
        {
            var file = Path.Combine(folder, "focus-2026-10.csv");
            var header = FocusCsv.Header();
            var written = Stopwatch.StartNew();
            var (billed, effective) = await FocusCsv.WriteAsync(file, header, rows, default);
            Console.WriteLine($"file: {rows:N0} rows, {header.Count} columns, {new FileInfo(file).Length / 1_048_576.0:N0} MB, written in {written.Elapsed.TotalSeconds:N1} s");
            Console.WriteLine($"file totals: billed {billed} effective {effective} EUR");

            await using (var store = await BenchmarkStore.StartAsync("importbench", [], postgres))
            {
                var importer = store.Services.GetRequiredService<CostImporter>();
                using var sampler = new PeakWorkingSet();
                var allocated = GC.GetTotalAllocatedBytes();
                var phases = new ImportPhaseClock();
                var timer = Stopwatch.StartNew();
                var summary = await importer.ImportFileAsync(Actor.System, ImportFile.FromPath(file), phases, default);
                timer.Stop();
                phases.End(timer.Elapsed);
                var total = summary.Totals.Single();
                if (total.BilledCost != billed || total.EffectiveCost != effective)
                    throw new InvalidOperationException($"Imported totals {total.BilledCost}/{total.EffectiveCost} differ from the file's {billed}/{effective}.");
                Console.WriteLine($"{"",-10} {"seconds",8} {"rows/s",10} {"peak MB",8} {"alloc MB",9}");
                Console.WriteLine($"{"CostSense",-10} {timer.Elapsed.TotalSeconds,8:N1} {rows / timer.Elapsed.TotalSeconds,10:N0} {sampler.PeakBytes / 1_048_576.0,8:N0} " +
                    $"{(GC.GetTotalAllocatedBytes() - allocated) / 1_048_576.0,9:N0}   ({(postgres is null ? "SQLite, two passes" : "PostgreSQL, one pass")}, {summary.DailyRows:N0} rows stored, totals equal the file's)");
                Console.WriteLine($"{"",-10} {phases}");
            }

            if (postgres is not null && await PsqlCopy.RunAsync(file, header, postgres, Console.WriteLine, default) is { } psql)
                Console.WriteLine($"{"psql \\copy",-10} {psql.Seconds,8:N1} {rows / psql.Seconds,10:N0} {psql.PeakKb / 1024,8:N0} {"",9}   (one pass into a table of the file's {header.Count} columns, no checks; psql's own RSS, the server's work not counted)");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
