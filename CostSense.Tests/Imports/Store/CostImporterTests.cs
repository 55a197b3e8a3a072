using System.Text;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Imports;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Imports.Store;

/// <summary>
/// The importer against a real store, SQLite and PostgreSQL: files land with their totals in rows and rollups,
/// re-imports replace, a bad row writes nothing, undo removes a batch, and a Viewer may not import.
/// </summary>
public abstract class CostImporterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private const string Header = "ChargePeriodStart,BilledCost,EffectiveCost,ListCost,BillingCurrency,ProviderName,BillingAccountId\n";
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<CoreHost> StartAsync() => CoreHost.StartAsync(Kind, Now);

    // Totals read back from the store equal the file's exactly on both stores: SQLite keeps decimals as text and
    // PostgreSQL's money columns are unconstrained numeric, so the FOCUS sample's 11-decimal and the EA files' 16-decimal
    // cells keep every digit.

    private static ImportFile Text(string name, string text) =>
        new(name, _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text))));

    /// <summary>Hourly rows, <paramref name="perHour"/> each, for days [1, lastDay] of October 2026 of one account.</summary>
    private static string Hourly(int lastDay, decimal perHour, string account = "ba-1") => Hourly(1, lastDay, perHour, account);

    /// <summary>Hourly rows, <paramref name="perHour"/> each, for days [firstDay, lastDay] of October 2026 of one account.</summary>
    private static string Hourly(int firstDay, int lastDay, decimal perHour, string account = "ba-1")
    {
        var text = new StringBuilder(Header);
        for (var day = firstDay; day <= lastDay; day++)
            for (var hour = 0; hour < 24; hour++)
                text.Append($"2026-10-{day:00}T{hour:00}:00:00Z,{perHour},{perHour},{perHour},USD,Microsoft,{account}\n");
        return text.ToString();
    }

    [Fact]
    public async Task FocusSample_LandsWithSourcesTotals_InRowsAndRollups_PerProvider()
    {
        var path = SharedData.File("focus_sample.csv");
        await using var host = await StartAsync();

        var summary = await host.Get<CostImporter>().ImportFileAsync(Actor.System, ImportFile.FromPath(path), Ct);

        Assert.Equal(1000, summary.Rows);
        Assert.Equal((new DateOnly(2024, 9, 1), new DateOnly(2024, 9, 30)), (summary.FirstDay, summary.LastDay));
        Assert.Equal([new CurrencyTotal("USD", 20.52022672899m, 14.97651418586m)], summary.Totals);
        var stored = await ImportedStore.ReadAsync(host);
        Assert.Equal((summary.DailyRows, 1000), (stored.Rows, stored.RollupRows));
        Assert.Equal(20.52022672899m, stored.Billed);
        Assert.Equal(14.97651418586m, stored.Effective);
        Assert.Equal(20.52022672899m, stored.RollupBilled);
        Assert.Equal(14.97651418586m, stored.RollupEffective);
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var byProvider = (await db.DailyCostRollups.GroupBy(r => r.ProviderName)
            .Select(g => new { g.Key, Billed = g.Sum(r => r.BilledCost) }).ToListAsync(Ct)).ToDictionary(g => g.Key, g => g.Billed);
        Assert.Equal(1.97651418586m, byProvider["Microsoft"]);
        Assert.Equal(18.00663861840m, byProvider["AWS"]);
        Assert.Equal(0.53707392473m, byProvider["Oracle"]);
        Assert.All(summary.Sources, s => Assert.StartsWith("import:", s));
        Assert.Equal(summary.Sources.Count, await db.ImportBatches.CountAsync(b => b.FileName == "focus_sample.csv" && b.ImportedBy == "system", Ct));
    }

    [Fact]
    public async Task EaActualThenAmortized_OfOneAccountAndMonth_TheSecondReplacesTheFirst()
    {
        var actual = SharedData.File("EA_ActualCost_Small.csv");
        var amortized = SharedData.File("EA_AmortizedCost_Small.csv");
        await using var host = await StartAsync();
        var importer = host.Get<CostImporter>();

        var first = await importer.ImportFileAsync(Actor.System, ImportFile.FromPath(actual), Ct);
        var afterActual = await ImportedStore.ReadAsync(host);
        var second = await importer.ImportFileAsync(Actor.System, ImportFile.FromPath(amortized), Ct);
        var afterAmortized = await ImportedStore.ReadAsync(host);

        Assert.Equal(11, first.Rows);
        Assert.Equal(8.5450077867419368m, first.Totals.Single().BilledCost);                  // ΣCost in SOURCES.md, as read
        Assert.Equal(8.5450077867419368m - 3.25m, first.Totals.Single().EffectiveCost);
        Assert.Equal(16.29693213663664462748541900m, second.Totals.Single().EffectiveCost);   // ΣCost in SOURCES.md, as read
        Assert.Equal(8.5450077867419368m, afterActual.Billed);
        Assert.Equal(afterActual.Billed, afterActual.RollupBilled);
        Assert.Equal(16.29693213663664462748541900m, afterAmortized.Effective);
        Assert.Equal(afterAmortized.Effective, afterAmortized.RollupEffective);
        Assert.Equal(first.Sources, second.Sources);
        Assert.Equal(first.DailyRows, second.RowsReplaced);
    }

    [Fact]
    public async Task SameFileTwice_LeavesTheStoreAsOnce()
    {
        var path = SharedData.File("focus_sample.csv");
        await using var host = await StartAsync();
        var importer = host.Get<CostImporter>();

        var once = await importer.ImportFileAsync(Actor.System, ImportFile.FromPath(path), Ct);
        var afterOnce = await ImportedStore.ReadAsync(host);
        var twice = await importer.ImportFileAsync(Actor.System, ImportFile.FromPath(path), Ct);

        Assert.Equal(afterOnce, await ImportedStore.ReadAsync(host));
        Assert.Equal(once.DailyRows, twice.RowsReplaced);
        Assert.Equal(20.52022672899m, afterOnce.Billed);
    }

    [Fact]
    public async Task RunForDays1To10_ThenRunForDays1To20_TheMonthHoldsTheSecond_AtDailyGrain()
    {
        await using var host = await StartAsync();
        var importer = host.Get<CostImporter>();
        await importer.ImportFileAsync(Actor.System, Text("other-account.csv", Hourly(31, 1m, "ba-2")), Ct);

        var a = await importer.ImportRunAsync(Actor.System, [Text("run-a.csv", Hourly(10, 0.0000000001m))], Ct);
        var b = await importer.ImportRunAsync(Actor.System, [Text("run-b-1.csv", Hourly(10, 0.0000000001m)),
            Text("run-b-2.csv", Hourly(11, 20, 0.0000000001m))], Ct);

        Assert.Equal((240, 10), (a[0].Rows, a[0].DailyRows));
        Assert.Equal(480, b.Sum(f => f.Rows));
        Assert.Equal(10, b[0].RowsReplaced);
        Assert.Equal(b[0].BatchIds, b[1].BatchIds);
        var stored = await ImportedStore.ReadAsync(host);
        // The other account's 31 days (24 each) stay; the month of ba-1 is run B: 20 daily rows of 24 × 1e-10.
        Assert.Equal(31 + 20, stored.Rows);
        Assert.Equal(31 * 24m + 480 * 0.0000000001m, stored.Billed);
        Assert.Equal(stored.Billed, stored.RollupBilled);
    }

    [Fact]
    public async Task FileCoveringSeptemberAndNovember_LeavesOctoberOfTheSameAccountAlone()
    {
        await using var host = await StartAsync();
        var importer = host.Get<CostImporter>();
        await importer.ImportFileAsync(Actor.System, Text("october.csv", Hourly(31, 1m)), Ct);

        var summary = await importer.ImportFileAsync(Actor.System, Text("sep-nov.csv",
            Header + "2026-09-05,2,2,2,USD,Microsoft,ba-1\n2026-11-05,3,3,3,USD,Microsoft,ba-1\n"), Ct);

        Assert.Equal(2, summary.BatchIds.Count);
        Assert.Equal(0, summary.RowsReplaced);
        var stored = await ImportedStore.ReadAsync(host);
        Assert.Equal((31 + 2, 31 * 24m + 5m), (stored.Rows, stored.Billed));
    }

    [Fact]
    public async Task BadNumberOnLine500_WritesNothing_AndNamesLineAndColumn()
    {
        await using var host = await StartAsync();
        var importer = host.Get<CostImporter>();
        await importer.ImportFileAsync(Actor.System, Text("good.csv", Hourly(31, 0.5m)), Ct);
        var before = await ImportedStore.ReadAsync(host);
        var lines = Hourly(31, 0.25m).Split('\n');
        lines[499] = lines[499].Replace(",0.25,0.25,", ",0.25,12x,");   // physical line 500 (the header is line 1)

        var ex = await Assert.ThrowsAsync<ImportException>(() => importer.ImportFileAsync(Actor.System, Text("bad.csv", string.Join('\n', lines)), Ct));

        Assert.Equal(500, ex.Line);
        Assert.Equal("EffectiveCost", ex.Column);
        Assert.Contains("line 500", ex.Message);
        Assert.Equal(before, await ImportedStore.ReadAsync(host));
        Assert.Equal(31 * 24 * 0.5m, before.Billed);
    }

    [Fact]
    public async Task FileChangedBetweenCheckingAndWriting_WritesNothing()
    {
        await using var host = await StartAsync();
        // The file changes after the pass that checks it. On PostgreSQL the one pass opens it first and hands an hourly
        // file to the two passes, so theirs are its second and third opening.
        var checking = Kind == StoreKind.Postgres ? 2 : 1;
        var opened = 0;
        var file = new ImportFile("moving.csv", _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(
            Hourly(++opened <= checking ? 10 : 11, 1m)))));

        var ex = await Assert.ThrowsAsync<ImportException>(() => host.Get<CostImporter>().ImportFileAsync(Actor.System, file, Ct));

        Assert.Contains("changed", ex.Message);
        Assert.Equal(0, (await ImportedStore.ReadAsync(host)).Rows);
    }

    [Fact]
    public async Task Undo_RestoresThePreviousTotals_AndIsRecorded()
    {
        await using var host = await StartAsync();
        var importer = host.Get<CostImporter>();
        await importer.ImportFileAsync(Actor.System, Text("ba-1.csv", Hourly(31, 0.5m)), Ct);
        var before = await ImportedStore.ReadAsync(host);
        var added = await importer.ImportFileAsync(Actor.System, Text("ba-2.csv", Hourly(15, 2m, "ba-2")), Ct);
        Assert.Equal(before.Billed + 15 * 24 * 2m, (await ImportedStore.ReadAsync(host)).Billed);

        var undone = await importer.UndoAsync(Actor.System, added.BatchIds.Single(), Ct);

        Assert.Equal(before, await ImportedStore.ReadAsync(host));
        Assert.Equal((Now, "system"), (undone.UndoneAt, undone.UndoneBy));
        await Assert.ThrowsAsync<InvalidOperationException>(() => importer.UndoAsync(Actor.System, added.BatchIds.Single(), Ct));
        var history = await importer.HistoryAsync(Actor.System, 10, Ct);
        Assert.Equal(["ba-2.csv", "ba-1.csv"], history.Select(h => h.FileName));
        Assert.NotNull(history[0].UndoneAt);
        Assert.Equal(15 * 24 * 2m, history[0].BilledCost);
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(["cost.import", "cost.import", "cost.import-undo"], await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct));
    }

    [Fact]
    public async Task Viewer_IsRefused_AndNothingIsWritten()
    {
        await using var host = await StartAsync();
        var viewer = new Actor(Actor.AnonymousViewerId, "guest", [AppRoles.Viewer]);

        await Assert.ThrowsAsync<AccessDeniedException>(() => host.Get<CostImporter>().ImportFileAsync(viewer, Text("v.csv", Hourly(1, 1m)), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => host.Get<CostImporter>().UndoAsync(viewer, 1, Ct));

        Assert.Equal(0, (await ImportedStore.ReadAsync(host)).Rows);
    }
}

public sealed class SqliteCostImporterTests : CostImporterTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresCostImporterTests : CostImporterTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
