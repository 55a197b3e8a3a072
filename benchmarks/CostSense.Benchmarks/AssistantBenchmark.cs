using System.Diagnostics;
using CostSense.Core.Assistant;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// What the assistant adds to the model's own time:
///   dotnet run -c Release --project benchmarks/CostSense.Benchmarks -- --assistant 300 [--postgres "Host=..."]
/// seeds a demo tenant with that many VMs, then times each specialist tool as the model calls it (median of 7,
/// after one warm-up call that fills the caches) and prints the size of what it sends back to the model
/// (characters, and about a quarter as many tokens: a small model reads every one of them). The router has its own:
/// see RoutingBenchmark.
/// </summary>
internal static class AssistantBenchmark
{
    private const int Runs = 7;

    public static async Task RunAsync(int vms, string? postgres)
    {
        await using var store = await BenchmarkStore.StartAsync($"asstbench_{vms}", new()
        {
            ["CostSense:Demo:VirtualMachines"] = vms.ToString(),
            ["CostSense:Demo:StorageAccounts"] = (vms / 2).ToString(),
        }, postgres);
        await store.SeedDemoTenantAsync();
        var sp = store.Services;
        var catalog = sp.GetRequiredService<SpecialistCatalog>();

        Console.WriteLine($"store: {(postgres is null ? "SQLite" : "PostgreSQL")}; {vms:N0} VMs; {Runs} runs per figure, median shown");
        Console.WriteLine($"  {"tool call",-62} {"ms",8} {"chars",7} {"~tokens",8}");
        var calls = new (SpecialistKind Kind, string Tool, (string, object?)[] Args)[]
        {
            (SpecialistKind.CostAnalyst, "get_cost_overview", []),
            (SpecialistKind.CostAnalyst, "get_cost_breakdown", [("dimension", "resource_group")]),
            (SpecialistKind.CostAnalyst, "compare_day", [("date", (await LatestAsync(sp)).AddDays(-2).ToString("yyyy-MM-dd"))]),
            (SpecialistKind.CostAnalyst, "get_anomalies", []),
            (SpecialistKind.ComputeOptimizer, "get_vm_recommendations", [("resourceGroup", "rg-prod-api")]),
            (SpecialistKind.ComputeOptimizer, "get_compute_savings", []),
            (SpecialistKind.StorageOptimizer, "get_storage_recommendations", []),
            (SpecialistKind.FinOpsAdvisor, "get_savings_summary", []),
            (SpecialistKind.FinOpsAdvisor, "get_commitment_options", []),
            (SpecialistKind.FinOpsAdvisor, "get_remediation_plan", []),
        };
        foreach (var (kind, tool, args) in calls)
        {
            string? result = null;
            var ms = await MedianAsync(async () =>
            {
                var function = new ToolGuard(catalog.ToolsOf(kind)).Find(tool)!;
                result = (await function.InvokeAsync(new AIFunctionArguments(args.ToDictionary(a => a.Item1, a => a.Item2)), default))?.ToString();
            });
            var call = new ToolCallInfo(tool, args.Select(a => new KeyValuePair<string, string>(a.Item1, a.Item2?.ToString() ?? "")).ToList()).Display;
            Console.WriteLine($"  {call,-62} {ms,8:N1} {result!.Length,7:N0} {result.Length / 4,8:N0}");
        }
    }

    private static async Task<DateOnly> LatestAsync(IServiceProvider sp) =>
        (await sp.GetRequiredService<CostSense.Core.Costs.IDashboardService>().LatestDataDateAsync(default))!.Value;

    private static async Task<double> MedianAsync(Func<Task> call)
    {
        await call();
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await call();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[Runs / 2];
    }
}
