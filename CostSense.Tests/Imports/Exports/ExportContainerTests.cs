using System.Net;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Imports.Exports;
using CostSense.Tests.Imports.Blobs;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Imports.Exports;

/// <summary>
/// The export container read by the whole app against Azurite: "Import now" imports each run once and a later run
/// replaces its month, a refused run is recorded with its message while the others import, and a container that is not
/// there is a message, not an exception.
/// </summary>
public sealed class ExportContainerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static Dictionary<string, string?> Configured(AzuriteContainer container) => new()
    {
        ["CostSense:Imports:Container:Enabled"] = "true",
        ["CostSense:Imports:Container:ConnectionString"] = container.ConnectionString,
        ["CostSense:Imports:Container:Container"] = container.Name,
    };

    private static Task<StoreTotals> StoredAsync(TestApp app) => StoreTotals.ReadAsync(app.Get<IDbContextFactory<CostSenseDbContext>>());

    [Fact]
    public async Task ImportNow_Twice_ImportsOnce_ThenALaterRun_ReplacesItsMonth()
    {
        var runs = new ImportableRuns();
        runs.Run("daily", "run-a", "2026-10-11T06:00:00Z", lastDay: 10, parts: 3);
        runs.Run("daily", "run-b", "2026-10-21T06:00:00Z", lastDay: 20, parts: 4);
        runs.Run("amortized", "run-null", "2026-10-02T07:00:00Z", lastDay: 28, parts: 2, dataRowCount: "null", month: "2026-09");
        await using var azurite = await AzuriteContainer.CreateAsync(Ct);
        await azurite.UploadAsync(runs.Files, Ct);
        await using var app = await TestApp.StartAsync(Configured(azurite));
        var reader = app.Get<ExportContainerReader>();

        var first = await reader.ReadAsync(Actor.System, "admin@app.test", Ct);
        var afterFirst = await StoredAsync(app);
        var second = await reader.ReadAsync(Actor.System, "admin@app.test", Ct);
        var afterSecond = await StoredAsync(app);

        Assert.Null(first.Error);
        Assert.Equal(["run-b", "run-null"], first.Runs.Where(r => r.Outcome == ExportRunOutcome.Imported).Select(r => r.RunId).Order());
        Assert.Equal(4, first.Runs.Single(r => r.RunId == "run-b").Files.Count);
        Assert.Equal((20 + 28, runs.Billed("run-b") + runs.Billed("run-null")), (afterFirst.Rows, afterFirst.Billed));
        Assert.Equal(afterFirst.Billed / 2, afterFirst.Effective);
        Assert.Equal((0, 0), (second.Imported, second.Refused));
        Assert.StartsWith("already imported", second.Runs.Single(r => r.RunId == "run-b").Message);
        Assert.Equal((afterFirst.Rows, afterFirst.Billed, afterFirst.Runs.Count), (afterSecond.Rows, afterSecond.Billed, afterSecond.Runs.Count));

        var later = new ImportableRuns();
        later.Run("daily", "run-c", "2026-10-26T06:00:00Z", lastDay: 25, parts: 2);
        await azurite.UploadAsync(later.Files, Ct);
        var third = await reader.ReadAsync(Actor.System, "admin@app.test", Ct);
        var afterThird = await StoredAsync(app);

        Assert.Equal(["run-c"], third.Runs.Where(r => r.Outcome == ExportRunOutcome.Imported).Select(r => r.RunId));
        Assert.Equal((25 + 28, later.Billed("run-c") + runs.Billed("run-null")), (afterThird.Rows, afterThird.Billed));
        Assert.Equal(afterThird.Billed, afterThird.RollupBilled);
        var history = app.Get<ExportRunHistory>();
        var last = await history.LastPerExportAndMonthAsync(Actor.System, Ct);
        Assert.Equal([("run-c", new DateOnly(2026, 10, 1)), ("run-null", new DateOnly(2026, 9, 1))], last.Select(r => (r.RunId, r.Month)));
        Assert.Equal("run-c", (await history.RecentAsync(Actor.System, 10, Ct)).Where(r => r.Outcome == ExportRunOutcome.Imported).First().RunId);
    }

    [Fact]
    public async Task ARefusedRun_IsRecordedWithItsMessage_WhileTheOtherRunsImport_AndIsTriedAgain()
    {
        var runs = new ImportableRuns();
        runs.Run("daily", "run-bad", "2026-10-11T06:00:00Z", lastDay: 10, parts: 3, badPart: 2);
        runs.Run("other", "run-ok", "2026-10-11T07:00:00Z", lastDay: 12, parts: 2);
        await using var azurite = await AzuriteContainer.CreateAsync(Ct);
        await azurite.UploadAsync(runs.Files, Ct);
        await using var app = await TestApp.StartAsync(Configured(azurite));
        var reader = app.Get<ExportContainerReader>();

        var read = await reader.ReadAsync(Actor.System, "schedule", Ct);
        var again = await reader.ReadAsync(Actor.System, "schedule", Ct);

        Assert.Null(read.Error);
        Assert.Equal((1, 1), (read.Imported, read.Refused));
        Assert.Equal((0, 1), (again.Imported, again.Refused));
        var stored = await StoredAsync(app);
        Assert.Equal((12, runs.Billed("run-ok")), (stored.Rows, stored.Billed));
        var refused = Assert.Single(stored.Runs, r => r.Outcome == ExportRunOutcome.Refused);
        Assert.Equal("run-bad", refused.RunId);
        Assert.Contains("part_0_0003.csv.gz, line 3, column BilledCost, value '12,5x'", refused.Message);
        Assert.Equal("FocusCost 1.0r2", refused.Dataset);
    }

    [Fact]
    public async Task AContainerThatIsNotThere_IsAMessage_ForImportNowAndTestConnection()
    {
        await using var azurite = await AzuriteContainer.CreateAsync(Ct);
        var settings = Configured(azurite);
        settings["CostSense:Imports:Container:Container"] = "no-such-container";
        await using var app = await TestApp.StartAsync(settings);
        var setup = await app.Get<ExportContainerSettingsStore>().GetAsync(Ct);

        var read = await app.Get<ExportContainerReader>().ReadAsync(Actor.System, "admin@app.test", Ct);
        var (ok, message) = await app.Get<ExportContainerReader>().TestAsync(setup.Options, Ct);

        Assert.True(setup.FromConfiguration);
        Assert.Contains("The container 'no-such-container' does not exist", read.Error);
        Assert.Empty(read.Runs);
        Assert.False(ok);
        Assert.Contains("does not exist", message);
        var (okHere, here) = await app.Get<ExportContainerReader>().TestAsync(
            new() { Enabled = true, ConnectionString = azurite.ConnectionString, Container = azurite.Name }, Ct);
        Assert.True(okHere, here);
        Assert.StartsWith("Connected: 0 files", here);
    }
}
