// Dashboard server time against the number of raw cost rows.
//   dotnet run -c Release --project benchmarks/CostSense.Benchmarks [-- --sizes 60,300,1200] [--postgres "Host=..."]
//   dotnet run -c Release --project benchmarks/CostSense.Benchmarks -- --recommendations 8000: see RecommendationBenchmark.
//   dotnet run -c Release --project benchmarks/CostSense.Benchmarks -- --assistant 300: see AssistantBenchmark.
//   dotnet run -c Release --project benchmarks/CostSense.Benchmarks -- --routing: see RoutingBenchmark.
//   dotnet run -c Release --project benchmarks/CostSense.Benchmarks -- --sign-in 40: see SignInBenchmark.
//   dotnet run -c Release --project benchmarks/CostSense.Benchmarks -- --import 2000000 --postgres "...": see ImportBenchmark.
//   dotnet run -c Release --project benchmarks/CostSense.Benchmarks -- --report 7: see ReportBenchmark.
//   dotnet run -c Release --project benchmarks/CostSense.Benchmarks -- --cost-controls 60,300,1200: see CostControlsBenchmark.
//   dotnet run -c Release --project benchmarks/CostSense.Benchmarks -- --scale full|medium|small [--only dashboard,…] [--keep] --postgres "...": see Scale/ScaleBenchmark.
// For each demo tenant size it seeds a fresh store, then times the dashboard query uncached (cache off)
// and cached, and prints one row of figures. The dashboard reads rollups, so its time should stay flat
// while raw rows grow.
using System.Diagnostics;
using CostSense.Core;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Sources.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

if (Arg("--scale") is { } scale)
{
    var size = CostSense.Benchmarks.Scale.ScaleSize.Named(scale);
    await CostSense.Benchmarks.Scale.ScaleBenchmark.RunAsync(size, Arg("--postgres"), Console.Out, Arg("--only")?.Split(','), default, keep: args.Contains("--keep"));
    return;
}

if (args.Contains("--routing"))
{
    RoutingBenchmark.Run();
    return;
}

if (Arg("--assistant") is { } tenant)
{
    await AssistantBenchmark.RunAsync(int.Parse(tenant), Arg("--postgres"));
    return;
}

if (Arg("--import") is { } importRows)
{
    await ImportBenchmark.RunAsync(int.Parse(importRows), Arg("--postgres"));
    return;
}

if (Arg("--report") is { } reportRuns)
{
    await ReportBenchmark.RunAsync(int.Parse(reportRuns), Arg("--postgres"));
    return;
}

if (Arg("--sign-in") is { } attempts)
{
    await SignInBenchmark.RunAsync(int.Parse(attempts), Arg("--postgres"));
    return;
}

if (Arg("--cost-controls") is { } controlSizes)
{
    await CostControlsBenchmark.RunAsync(controlSizes.Split(',').Select(int.Parse).ToArray(), Arg("--postgres"));
    return;
}

if (Arg("--recommendations") is { } fleet)
{
    await RecommendationBenchmark.RunAsync(int.Parse(fleet), Arg("--postgres"));
    return;
}

var sizes = Arg("--sizes")?.Split(',').Select(int.Parse).ToArray() ?? [60, 300, 1200];
var postgres = Arg("--postgres");
const int Runs = 7;

Console.WriteLine($"store: {(postgres is null ? "SQLite" : "PostgreSQL")}; {Runs} runs per figure, median shown");
Console.WriteLine($"{"VMs",6} {"raw rows",10} {"rollups",9} {"seed s",8} {"uncached ms",12} {"cached ms",10} {"alloc/query MB",15}");
foreach (var vms in sizes)
{
    var root = Directory.CreateTempSubdirectory("costsense-bench-").FullName;
    var settings = new Dictionary<string, string?>
    {
        ["CostSense:Demo:VirtualMachines"] = vms.ToString(),
        ["CostSense:Demo:StorageAccounts"] = (vms / 2).ToString(),
        ["CostSense:Store:SqlitePath"] = Path.Combine(root, "bench.db"),
    };
    if (postgres is not null) settings["ConnectionStrings:CostSense"] = postgres + $";Database=costsense_bench_{vms}";

    var uncached = await HostAsync(root, settings, cache: false);
    var sp = uncached.Services;
    await using (var db = await sp.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync())
        await db.Database.EnsureDeletedAsync();
    await sp.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);
    var seed = Stopwatch.StartNew();
    await sp.GetRequiredService<IDemoTenantService>().GenerateAsync(CostSense.Core.Access.Actor.System, default);
    seed.Stop();

    long raw, rollups;
    await using (var db = await sp.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync())
    {
        raw = await db.CostRecords.LongCountAsync();
        rollups = await db.DailyCostRollups.LongCountAsync();
    }
    var dashboard = sp.GetRequiredService<IDashboardService>();
    var latest = (await dashboard.LatestDataDateAsync(default))!.Value;
    var filter = new CostFilter(new DateOnly(latest.Year, latest.Month, 1), latest);

    var (coldMs, alloc) = await MedianAsync(() => dashboard.GetAsync(filter, default));
    var cached = await HostAsync(root, settings, cache: true);
    var cachedDashboard = cached.Services.GetRequiredService<IDashboardService>();
    await cachedDashboard.GetAsync(filter, default);
    var (warmMs, _) = await MedianAsync(() => cachedDashboard.GetAsync(filter, default));

    Console.WriteLine($"{vms,6} {raw,10:N0} {rollups,9:N0} {seed.Elapsed.TotalSeconds,8:N1} {coldMs,12:N1} {warmMs,10:N2} {alloc / 1_048_576.0,15:N2}");
    if (postgres is not null)
        await using (var db = await sp.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync())
            await db.Database.EnsureDeletedAsync();
    uncached.Dispose();
    cached.Dispose();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(root, recursive: true);
}

static async Task<(double Ms, long Allocated)> MedianAsync(Func<Task<DashboardSnapshot>> query)
{
    await query(); // warm up
    var times = new List<double>();
    // Process-wide: an async query's continuations run on several threads.
    var before = GC.GetTotalAllocatedBytes(precise: true);
    for (var i = 0; i < Runs; i++)
    {
        var sw = Stopwatch.StartNew();
        await query();
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    var allocated = (GC.GetTotalAllocatedBytes(precise: true) - before) / Runs;
    times.Sort();
    return (times[Runs / 2], allocated);
}

static Task<IHost> HostAsync(string root, Dictionary<string, string?> settings, bool cache)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root, EnvironmentName = "Benchmark" });
    builder.Configuration.AddInMemoryCollection(settings);
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["CostSense:Cache:Enabled"] = cache.ToString() });
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.AddCostSenseCore();
    return Task.FromResult(builder.Build());
}

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
