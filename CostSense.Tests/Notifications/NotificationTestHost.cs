using CostSense.Core.Anomalies;
using CostSense.Core.Budgets;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CostSense.Tests.Notifications;

/// <summary>
/// A <see cref="CoreHost"/> for the notification tests: data protection (the web app brings the store's key ring; here an
/// the same, in the store), the counting fakes of detection and budgets, and every log message captured.
/// </summary>
public static class NotificationTestHost
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    public static Task<CoreHost> StartAsync(StoreKind kind, CountingDetection? detection = null, CountingBudgets? budgets = null,
        LogCapture? logs = null, IDictionary<string, string?>? settings = null, DateTimeOffset? now = null) =>
        CoreHost.StartAsync(kind, now ?? Now, settings, services: s =>
        {
            // The web app's key ring: in the store, so two hosts over one store read each other's protected targets.
            s.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContext());
            s.AddDataProtection().SetApplicationName("CostSense").PersistKeysToDbContext<CostSenseDbContext>();
            s.AddSingleton<IAnomalyDetection>(detection ?? new CountingDetection());
            s.AddSingleton<IBudgetEvaluation>(budgets ?? new CountingBudgets());
            if (logs is not null) s.AddSingleton<ILoggerProvider>(logs);
        });

    public static async Task<CostSenseDbContext> DbAsync(this CoreHost host) =>
        await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    /// <summary>A day of cost in the rollups, so the store's latest day of data is <paramref name="day"/>.</summary>
    public static async Task AddCostDayAsync(this CoreHost host, DateOnly day, decimal cost = 100m)
    {
        await using var db = await host.DbAsync();
        db.DailyCostRollups.Add(new DailyCostRollup
        {
            Date = day, SubAccountId = "sub-1", SubAccountName = "Contoso Production", ResourceGroup = "rg-web", ServiceName = "Virtual Machines",
            RegionId = "westeurope", BillingCurrency = "USD", BilledCost = cost, EffectiveCost = cost, RowCount = 1,
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A new, untriaged anomaly as detection would write it.</summary>
    public static async Task<DetectedAnomaly> AddAnomalyAsync(this CoreHost host, string fingerprint, DateOnly from, DateOnly to, decimal expected,
        decimal actual, string scopeName = "rg-web (Contoso Production)", CostScopeKind scopeKind = CostScopeKind.ResourceGroup)
    {
        await using var db = await host.DbAsync();
        var a = new DetectedAnomaly
        {
            Fingerprint = fingerprint, Kind = AnomalyKind.Spike, ScopeKind = scopeKind, ScopeKey = scopeKind == CostScopeKind.ResourceGroup ? "sub-1/rg-web" : "sub-1",
            ScopeName = scopeName, From = from, To = to, Expected = expected, Actual = actual, Currency = "USD",
            Summary = $"+{actual - expected:0.00} USD on {to:yyyy-MM-dd}: 83% from vm-worker-07",
            DriversJson = """[{"resourceId":"/subscriptions/sub-1/vm-worker-07","resourceName":"vm-worker-07","meter":"D8s v3","serviceName":"Virtual Machines","expected":10,"actual":90,"sharePercent":83.4,"detail":"24 h instead of 8 h"}]""",
            Status = AnomalyStatus.New, DetectedAt = host.Time.GetUtcNow(), UpdatedAt = host.Time.GetUtcNow(),
        };
        db.Anomalies.Add(a);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return a;
    }

    /// <summary>A budget and one crossing of it, as the budget evaluation would store them.</summary>
    public static async Task<BudgetCrossing> AddCrossingAsync(this CoreHost host, int percent = 80, BudgetBasis basis = BudgetBasis.Actual)
    {
        await using var db = await host.DbAsync();
        var budget = await db.Budgets.FirstOrDefaultAsync(TestContext.Current.CancellationToken);
        if (budget is null)
        {
            budget = new Budget
            {
                Name = "Web team", ScopeKind = CostScopeKind.ResourceGroup, ScopeKey = "sub-1/rg-web", ScopeName = "rg-web (Contoso Production)",
                Amount = 1000m, Currency = "USD", StartMonth = new DateOnly(2026, 11, 1), ActualThresholds = "50,80,100", ForecastThresholds = "100",
                CreatedBy = "ann@costsense.test", CreatedAt = host.Time.GetUtcNow(),
            };
            db.Budgets.Add(budget);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var crossing = new BudgetCrossing
        {
            BudgetId = budget.Id, BudgetName = budget.Name, Month = new DateOnly(2026, 11, 1), Basis = basis, ThresholdPercent = percent,
            BudgetAmount = 1000m, Amount = 812.40m, Currency = "USD", AsOf = new DateOnly(2026, 11, 28), DetectedAt = host.Time.GetUtcNow(),
        };
        db.BudgetCrossings.Add(crossing);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return crossing;
    }
}
