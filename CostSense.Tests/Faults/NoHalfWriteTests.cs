using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CostSense.Tests.Faults;

/// <summary>
/// PostgreSQL taken away in the middle of a write: afterwards the store holds the complete old data or the complete
/// new data, never a mix, and never rollups that disagree with their rows.
/// </summary>
[Collection(nameof(FaultsCollection))]
public sealed class NoHalfWriteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
    private static readonly DateOnly January = new(2026, 1, 1);
    private static readonly Dictionary<string, string?> NoDemo = new() { ["CostSense:Demo:Enabled"] = "false" };

    [Fact]
    public async Task ReplacePeriod_CutHalfwayAndLeftDown_FailsAndKeepsTheOldPeriodWhole()
    {
        await using var app = FaultyApp.Start(postgres: true, settings: NoDemo);
        var store = app.Get<CostStore>();
        await store.ReplacePeriodAsync("focus", January, January.AddMonths(1), Many(20_000, 1m), Ct);
        var old = await StoreTotals.ReadAsync(app.Direct, "focus", Ct);

        // The proxy stops while row 50,000 of 100,000 is being streamed, and stays down through EF's retries.
        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            store.ReplacePeriodAsync("focus", January, January.AddMonths(1), CutAt(Many(100_000, 2m), 50_000, app.Postgres!.Stop), Ct));
        Log($"write failed with {failure.GetType().Name}: {failure.Message}");
        app.Postgres!.Start();

        var after = await StoreTotals.ReadAsync(app.Direct, "focus", Ct);
        Assert.Equal(old, after);
        Assert.Equal(new StoreTotals(20_000, 20_000m, 20_000, 20_000m, 0, 0, 1), after);
    }

    [Fact]
    public async Task ReplacePeriod_CutHalfwayAndBackSoon_IsRetriedWholeAndHoldsTheNewPeriodOnly()
    {
        await using var app = FaultyApp.Start(postgres: true, settings: NoDemo);
        var store = app.Get<CostStore>();
        await store.ReplacePeriodAsync("focus", January, January.AddMonths(1), Many(20_000, 1m), Ct);
        var cut = 0;
        void CutOnce()
        {
            if (Interlocked.Exchange(ref cut, 1) == 1) return;
            app.Postgres!.Stop();
            _ = Task.Delay(500, Ct).ContinueWith(_ => app.Postgres.Start(), Ct, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        // EF's retrying strategy runs the whole write again, in a new transaction, once the server is back.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var batch = await store.ReplacePeriodAsync("focus", January, January.AddMonths(1), CutAt(Many(100_000, 2m), 50_000, CutOnce), Ct);

        Log($"the write with a 0.5 s outage took {clock.ElapsedMilliseconds} ms");
        Assert.Equal(1, cut);
        Assert.Equal(100_000, batch.RowCount);
        var after = await StoreTotals.ReadAsync(app.Direct, "focus", Ct);
        Assert.Equal(new StoreTotals(100_000, 200_000m, 100_000, 200_000m, 0, 0, 2), after);
    }

    [Theory]
    [InlineData("CostRecords")]
    [InlineData("DailyMetrics")]
    public async Task DemoRegeneration_CutWhileATableIsBeingRewritten_LeavesEveryTableWhole(string table)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 8, 0, 0, TimeSpan.Zero));
        await using var app = FaultyApp.Start(postgres: true, settings: new Dictionary<string, string?>
        {
            ["CostSense:Demo:VirtualMachines"] = "30",
            ["CostSense:Demo:StorageAccounts"] = "10",
            ["CostSense:Demo:MonthsOfHistory"] = "4",
        }, services: s => s.AddSingleton<TimeProvider>(time));
        var old = await StoreTotals.ReadAsync(app.Direct, DemoTenant.Source, Ct);
        old.AssertRollupsAgree();

        // A later day gives a different tenant, so old and new data can be told apart.
        time.Advance(TimeSpan.FromDays(40));
        var tenant = app.Get<DemoTenantGenerator>().Generate(app.Get<IOptions<DemoTenantOptions>>().Value, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var rows = tenant.CostRows().ToList();
        var newCost = (Rows: (long)rows.Count, Cost: rows.Sum(r => r.EffectiveCost));
        var newMetrics = (long)tenant.Metrics().Count();
        Assert.NotEqual((old.CostRows, old.Cost), newCost);
        Assert.NotEqual(old.MetricRows, newMetrics);

        var cutter = StoreTotals.CutWhileWritingAsync(app.Direct, table, app.Postgres!, Ct);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => app.Get<IDemoTenantService>().GenerateAsync(CostSense.Core.Access.Actor.System, Ct));
        await cutter;
        Log($"regeneration failed with {failure.GetType().Name}: {failure.Message}");
        app.Postgres!.Start();

        var after = await StoreTotals.ReadAsync(app.Direct, DemoTenant.Source, Ct);
        after.AssertRollupsAgree();
        Assert.Equal((old.CostRows, old.Cost), (after.CostRows, after.Cost));
        // Inventory and cost are written as one transaction: wherever the cut lands, the old tenant stays whole.
        Assert.Equal(old.MetricRows, after.MetricRows);

        await app.Get<IDemoTenantService>().GenerateAsync(CostSense.Core.Access.Actor.System, Ct);
        var again = await StoreTotals.ReadAsync(app.Direct, DemoTenant.Source, Ct);
        again.AssertRollupsAgree();
        Assert.Equal(newCost, (again.CostRows, again.Cost));
        Assert.Equal(newMetrics, again.MetricRows);
    }

    private static IEnumerable<CostRecord> Many(int count, decimal cost)
    {
        for (var i = 0; i < count; i++) yield return Rows.Cost(January.AddDays(i % 31), cost, resourceGroup: $"rg-{i % 7}");
    }

    /// <summary>The rows, calling <paramref name="cut"/> as row <paramref name="at"/> goes out (again on every retry).</summary>
    private static IEnumerable<CostRecord> CutAt(IEnumerable<CostRecord> rows, int at, Action cut)
    {
        var i = 0;
        foreach (var row in rows)
        {
            if (++i == at) cut();
            yield return row;
        }
    }
}
