using System.Diagnostics;
using CostSense.Core.Anomalies;
using CostSense.Core.Budgets;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Showback;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Anomalies, budgets and showback over demo tenants of growing size:
///   dotnet run -c Release --project benchmarks/CostSense.Benchmarks -- --cost-controls 60,300,1200 [--postgres "Host=..."]
/// For each size it seeds a fresh store, then times a full anomaly detection (every scope, drivers from the raw rows;
/// the first run writes the anomalies, the second finds them known), budget evaluation with a budget on the tenant, every
/// subscription and every resource group, and the showback table of every tag key for the latest month (median over the
/// keys), and prints them with the row counts they read.
/// </summary>
internal static class CostControlsBenchmark
{
    public static async Task RunAsync(int[] sizes, string? postgres)
    {
        Console.WriteLine($"store: {(postgres is null ? "SQLite" : "PostgreSQL")}");
        Console.WriteLine($"{"VMs",6} {"raw rows",10} {"tag rollups",12} {"anomalies",10} {"detect 1st s",13} {"detect 2nd s",13} {"budgets",8} {"evaluate ms",12} {"tag keys",9} {"showback ms",12}");
        foreach (var vms in sizes)
        {
            await using var store = await BenchmarkStore.StartAsync($"costcontrols{vms}", new()
            {
                ["CostSense:Demo:VirtualMachines"] = vms.ToString(),
                ["CostSense:Demo:StorageAccounts"] = (vms / 2).ToString(),
                ["CostSense:Demo:ResourceGroups"] = Math.Max(8, vms / 8).ToString(),
            }, postgres);
            await store.SeedDemoTenantAsync();
            var sp = store.Services;
            var dbFactory = sp.GetRequiredService<IDbContextFactory<CostSenseDbContext>>();

            var detection = sp.GetRequiredService<IAnomalyDetection>();
            var sw = Stopwatch.StartNew();
            var first = await detection.DetectAsync(default);
            var detectFirst = sw.Elapsed.TotalSeconds;
            sw.Restart();
            await detection.DetectAsync(default);
            var detectSecond = sw.Elapsed.TotalSeconds;

            var scopeCosts = sp.GetRequiredService<ScopeCosts>();
            var latest = (await scopeCosts.LatestDateAsync(default))!.Value;
            var month = new DateOnly(latest.Year, latest.Month, 1);
            var currency = await scopeCosts.CurrencyAsync(default);
            long raw, tagRollups;
            int budgets;
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                raw = await db.CostRecords.LongCountAsync();
                tagRollups = await db.DailyTagRollups.LongCountAsync();
                var scopes = new List<CostScope> { CostScope.Total };
                scopes.AddRange(await scopeCosts.ScopesAsync(CostScopeKind.Subscription, month, latest, currency, null, default));
                scopes.AddRange(await scopeCosts.ScopesAsync(CostScopeKind.ResourceGroup, month, latest, currency, null, default));
                db.Budgets.AddRange(scopes.Select(s => new Budget
                {
                    Name = s.Name, ScopeKind = s.Kind, ScopeKey = s.Key, ScopeName = s.Name, Amount = 1_000m, Currency = currency,
                    StartMonth = month.AddMonths(-1), ActualThresholds = BudgetThresholds.DefaultActual,
                    ForecastThresholds = BudgetThresholds.DefaultForecast, CreatedBy = "benchmark", CreatedAt = DateTimeOffset.UtcNow,
                }));
                budgets = await db.SaveChangesAsync();
            }
            sw.Restart();
            await sp.GetRequiredService<IBudgetEvaluation>().EvaluateAsync(default);
            var evaluate = sw.Elapsed.TotalMilliseconds;

            var showback = sp.GetRequiredService<ShowbackService>();
            var keys = await showback.TagKeysAsync(month, latest, null, default);
            await showback.GetAsync(ShowbackQuery.Month(keys[0].Key, month), default); // warm up
            var times = new List<double>();
            foreach (var key in keys)
            {
                sw.Restart();
                await showback.GetAsync(ShowbackQuery.Month(key.Key, month), default);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"{vms,6} {raw,10:N0} {tagRollups,12:N0} {first.Total,10} {detectFirst,13:N1} {detectSecond,13:N1} {budgets,8} {evaluate,12:N0} {keys.Count,9} {times[times.Count / 2],12:N1}");
        }
    }
}
