using System.Diagnostics;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The recommendation engine and grid at fleet scale:
///   dotnet run -c Release --project benchmarks/CostSense.Benchmarks -- --recommendations 8000 [--postgres "Host=..."]
/// seeds a one-month demo tenant with that many VMs (and half as many storage accounts), then times the
/// recomputation and the grid's queries (median of 7).
/// </summary>
internal static class RecommendationBenchmark
{
    private const int Runs = 7;

    public static async Task RunAsync(int vms, string? postgres)
    {
        await using var store = await BenchmarkStore.StartAsync($"recbench_{vms}", new()
        {
            ["CostSense:Demo:VirtualMachines"] = vms.ToString(),
            ["CostSense:Demo:StorageAccounts"] = Math.Min(5_000, vms / 2).ToString(),
            ["CostSense:Demo:ResourceGroups"] = "40",
            ["CostSense:Demo:MonthsOfHistory"] = "1",
        }, postgres);
        var sp = store.Services;

        var seed = Stopwatch.StartNew();
        await store.SeedDemoTenantAsync();
        seed.Stop();

        var service = sp.GetRequiredService<IRecommendationService>();
        var recompute = await service.RecomputeAsync(default);
        var all = await service.QueryAsync(new RecommendationQuery(RecommendationKind.Compute, Take: 1), default);
        var storage = await service.QueryAsync(new RecommendationQuery(RecommendationKind.Storage, Take: 1), default);

        Console.WriteLine($"store: {(postgres is null ? "SQLite" : "PostgreSQL")}; {vms:N0} VMs; seeded in {seed.Elapsed.TotalSeconds:N1} s");
        Console.WriteLine($"recompute: {recompute.Elapsed.TotalMilliseconds:N0} ms for {recompute.Active:N0} recommendations ({all.TotalCount:N0} compute, {storage.TotalCount:N0} storage)");
        // Again over the stored ones: the daily case, every row refreshed and none added.
        var again = await service.RecomputeAsync(default);
        Console.WriteLine($"recompute again: {again.Elapsed.TotalMilliseconds:N0} ms ({again.Added:N0} added, {again.Retired:N0} retired)");
        var first = new RecommendationQuery(RecommendationKind.Compute, Take: 50);
        await Time("grid page 1, by savings", () => service.QueryAsync(first, default));
        await Time("grid last page", () => service.QueryAsync(first with { Skip = Math.Max(0, all.TotalCount - 50) }, default));
        await Time("grid filtered (resize, ≥ $20, by name)", () => service.QueryAsync(first with
        {
            Action = RecommendationAction.Resize, MinMonthlySavings = 20m, SortBy = nameof(Recommendation.ResourceName), SortDescending = false,
        }, default));
        await Time("grid search 'prod'", () => service.QueryAsync(first with { Search = "prod" }, default));
        await Time("grid grouped by resource group, page 2", () => service.QueryAsync(first with { GroupBy = nameof(Recommendation.ResourceGroup), Skip = 50 }, default));
        await Time("CSV of every compute row", async () =>
        {
            await using var writer = new StreamWriter(Stream.Null);
            await service.WriteCsvAsync(first with { Take = 1 }, writer, default);
            return 0;
        });
        await Time("savings summary", () => service.SummaryAsync(default));

    }

    private static async Task Time<T>(string what, Func<Task<T>> query)
    {
        await query();
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await query();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"  {what,-42} {times[Runs / 2],8:N1} ms");
    }
}
