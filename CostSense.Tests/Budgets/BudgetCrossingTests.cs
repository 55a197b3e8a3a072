using CostSense.Core.Access;
using CostSense.Core.Budgets;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Budgets;

/// <summary>
/// Budget crossings at their boundaries, on SQLite and PostgreSQL, over hand-made cost rows and a clock the test moves:
/// a threshold is crossed when the cost reaches it to the cent; a forecast crossing comes before the actual one; a month
/// that closes with late cost gets its final crossing once and the new month starts clean; evaluating again, or several
/// times at once, never stores a crossing twice.
/// </summary>
public abstract class BudgetCrossingTests
{
    // Friday 20 March 2026: cost has arrived for 1–19 March.
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly March = new(2026, 3, 1);
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Actor> AnalystAsync(CoreHost host) => await host.AddPersonAsync("analyst@example.com", AppRoles.Analyst);

    /// <summary>Replaces March (1–19 by default) with one row a day per subscription at the given costs.</summary>
    private static Task WriteAsync(CoreHost host, DateOnly from, DateOnly to, params IEnumerable<CostRecord>[] rows) =>
        host.Get<CostStore>().ReplacePeriodAsync("test", from, to.AddDays(1), rows.SelectMany(r => r).ToList(), Ct);

    private static async Task<List<BudgetCrossing>> CrossingsAsync(CoreHost host)
    {
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        return (await db.BudgetCrossings.AsNoTracking().ToListAsync(Ct)).OrderBy(c => c.Id).ToList();
    }

    private static BudgetDraft Draft(string name, string subscription, decimal amount, string actual, string forecast, bool recurring = false) =>
        new(name, CostScopeKind.Subscription, subscription, amount, March, recurring, null, actual, forecast);

    [Fact]
    public async Task ExactlyAtEightyPercent_IsCrossed_ACentBelow_IsNot()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        // sub-a: 19 days at 10.00 = 190.00, exactly 80% of 237.50; sub-b: one day at 9.99, so 189.99, a cent below.
        var subB = Rows.Daily(March, new(2026, 3, 18), 10m, "sub-b").Append(Rows.Cost(new(2026, 3, 19), 9.99m, "sub-b"));
        await WriteAsync(host, March, new(2026, 3, 19), Rows.Daily(March, new(2026, 3, 19), 10m, "sub-a"), subB);
        var analyst = await AnalystAsync(host);
        var budgets = host.Get<BudgetService>();
        var a = await budgets.CreateAsync(analyst, Draft("A at 80%", "sub-a", 237.50m, "80", ""), Ct);
        await budgets.CreateAsync(analyst, Draft("B a cent below", "sub-b", 237.50m, "80", ""), Ct);

        var added = await host.Get<IBudgetEvaluation>().EvaluateAsync(Ct);

        Assert.Equal(1, added);
        var c = Assert.Single(await CrossingsAsync(host));
        Assert.Equal((a.Id, March, BudgetBasis.Actual, 80), (c.BudgetId, c.Month, c.Basis, c.ThresholdPercent));
        Assert.Equal((190.00m, 237.50m, "USD"), (c.Amount, c.BudgetAmount, c.Currency));
        Assert.Equal(new DateOnly(2026, 3, 19), c.AsOf);
        Assert.Equal(Now, c.DetectedAt);
        Assert.Null(c.AlertedAt);
        var status = (await budgets.StatusAsync(Ct)).Budgets.ToDictionary(s => s.Budget.Name);
        Assert.Equal([80], status["A at 80%"].CrossedActual);
        Assert.Equal(189.99m, status["B a cent below"].Actual);
        Assert.Empty(status["B a cent below"].CrossedActual);
    }

    [Fact]
    public async Task Forecast_CrossesBeforeActual_AndEachIsStoredOnceWhenItComes()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        await WriteAsync(host, March, new(2026, 3, 19), Rows.Daily(March, new(2026, 3, 19), 10m, "sub-a"));
        var budgets = host.Get<BudgetService>();
        var b = await budgets.CreateAsync(await AnalystAsync(host), Draft("Team A", "sub-a", 300m, "100", "100", recurring: true), Ct);
        var evaluation = host.Get<IBudgetEvaluation>();

        // 190.00 to date; the 12 days left at the recent 10.00 a day make 310.00 by month end: over 300 by forecast only.
        Assert.Equal(1, await evaluation.EvaluateAsync(Ct));
        var forecast = Assert.Single(await CrossingsAsync(host));
        Assert.Equal((BudgetBasis.Forecast, 100, 310.00m), (forecast.Basis, forecast.ThresholdPercent, forecast.Amount));
        Assert.Equal(BudgetState.ForecastOver, Assert.Single((await budgets.StatusAsync(Ct)).Budgets).State);

        // Eleven more days arrive (to 30 March): 300.00, the amount exactly.
        host.Time.Advance(TimeSpan.FromDays(11));
        await WriteAsync(host, March, new(2026, 3, 30), Rows.Daily(March, new(2026, 3, 30), 10m, "sub-a"));
        Assert.Equal(1, await evaluation.EvaluateAsync(Ct));
        Assert.Equal(0, await evaluation.EvaluateAsync(Ct));

        var all = await CrossingsAsync(host);
        Assert.Equal(2, all.Count);
        var actual = all[1];
        Assert.Equal((b.Id, BudgetBasis.Actual, 100, 300.00m, new DateOnly(2026, 3, 30)), (actual.BudgetId, actual.Basis, actual.ThresholdPercent, actual.Amount, actual.AsOf));
        Assert.True(forecast.DetectedAt < actual.DetectedAt);
        Assert.Equal(BudgetState.Over, Assert.Single((await budgets.StatusAsync(Ct)).Budgets).State);
    }

    [Fact]
    public async Task MonthRollover_TheClosedMonthsCrossingIsRecordedOnce_AndTheNewMonthStartsClean()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        await WriteAsync(host, March, new(2026, 3, 19), Rows.Daily(March, new(2026, 3, 19), 10m, "sub-a"));
        var budgets = host.Get<BudgetService>();
        var b = await budgets.CreateAsync(await AnalystAsync(host), Draft("Team A", "sub-a", 305m, "100", "", recurring: true), Ct);
        var evaluation = host.Get<IBudgetEvaluation>();
        Assert.Equal(0, await evaluation.EvaluateAsync(Ct));

        // The rest of March (310.00 in all) arrives together with 1 April: March closed over its 305.00.
        host.Time.Advance(TimeSpan.FromDays(13));
        await WriteAsync(host, March, new(2026, 4, 1), Rows.Daily(March, new(2026, 4, 1), 10m, "sub-a"));
        Assert.Equal(1, await evaluation.EvaluateAsync(Ct));
        Assert.Equal(0, await evaluation.EvaluateAsync(Ct));

        var c = Assert.Single(await CrossingsAsync(host));
        Assert.Equal((b.Id, March, BudgetBasis.Actual, 100), (c.BudgetId, c.Month, c.Basis, c.ThresholdPercent));
        Assert.Equal((310.00m, new DateOnly(2026, 3, 31)), (c.Amount, c.AsOf));
        var april = Assert.Single((await budgets.StatusAsync(Ct)).Budgets);
        Assert.Equal((new DateOnly(2026, 4, 1), 10.00m, BudgetState.Fine), (april.Month, april.Actual, april.State));
        Assert.Empty(april.CrossedActual);
        var history = await budgets.HistoryAsync(b.Id, Ct);
        Assert.Equal([(March, 310.00m, true, true), (new DateOnly(2026, 4, 1), 10.00m, false, false)],
            history.Select(m => (m.Month, m.Actual, m.Closed, m.Over)).ToList());
    }

    [Fact]
    public async Task EvaluatingTwice_AndFourTimesAtOnce_StoresEachCrossingOnce()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        await WriteAsync(host, March, new(2026, 3, 19), Rows.Daily(March, new(2026, 3, 19), 10m, "sub-a"), Rows.Daily(March, new(2026, 3, 19), 10m, "sub-b"));
        var budgets = host.Get<BudgetService>();
        var analyst = await AnalystAsync(host);
        // 190.00 to date, 310.00 forecast against 200.00: 50% and 80% by actual, 100% by forecast.
        await budgets.CreateAsync(analyst, Draft("A", "sub-a", 200m, "50,80,100", "100"), Ct);
        var evaluation = host.Get<IBudgetEvaluation>();

        Assert.Equal(3, await evaluation.EvaluateAsync(Ct));
        Assert.Equal(0, await evaluation.EvaluateAsync(Ct));

        // A second budget, then four evaluations at once (as the alert check and a page save might race on two instances).
        await budgets.CreateAsync(analyst, Draft("B", "sub-b", 200m, "50,80,100", "100"), Ct);
        await using var other = await CoreHost.StartAsync(Kind, Now, host.Store.Settings.ToDictionary());
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? host : other).Get<IBudgetEvaluation>().EvaluateAsync(Ct)));

        Assert.Equal(3, runs.Sum());
        var all = await CrossingsAsync(host);
        Assert.Equal(6, all.Count);
        Assert.Equal(6, all.Select(c => (c.BudgetId, c.Month, c.Basis, c.ThresholdPercent)).Distinct().Count());
    }
}

public sealed class SqliteBudgetCrossingTests : BudgetCrossingTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresBudgetCrossingTests : BudgetCrossingTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
