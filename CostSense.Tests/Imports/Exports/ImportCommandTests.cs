using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Core.Imports;
using CostSense.Tests.Imports.Manifests;
using CostSense.Tests.Infrastructure;
using CostSense.Web.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Imports.Exports;

/// <summary>
/// The command line importer, run in process through its entry method against a store of its own: files and folders of
/// export runs land with the data's totals, a re-run imports nothing twice, a refused file says why and exits 1.
/// </summary>
public abstract class ImportCommandTests
{
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static async Task<(int Exit, string Output, string Error)> RunAsync(TempStore store, params string[] paths)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ImportCommand.RunAsync(paths, output, error,
            b => b.Configuration.AddInMemoryCollection(TestSettings.Isolated(store)), Ct);
        return (exit, output.ToString(), error.ToString());
    }

    protected static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Export "daily": run A (days 1-10), run B (days 1-20), a later run with dataRowCount 0; export "amortized" (its own
    /// subscription): a September run whose manifest says dataRowCount null.
    /// </summary>
    private static ImportableRuns Runs()
    {
        var runs = new ImportableRuns();
        runs.Run("daily", "run-a", "2026-10-11T06:00:00Z", lastDay: 10, parts: 3);
        runs.Run("daily", "run-b", "2026-10-21T06:00:00Z", lastDay: 20, parts: 4);
        runs.Run("daily", "run-empty", "2026-10-22T06:00:00Z", lastDay: 21, parts: 0, dataRowCount: "0");
        runs.Run("amortized", "run-null", "2026-10-02T07:00:00Z", lastDay: 28, parts: 2, dataRowCount: "null", month: "2026-09");
        return runs;
    }

    [Fact]
    public async Task FolderOfExportRuns_TheMonthEqualsTheLatestRun_EmptyRunSkipped_NullCountImported_AndASecondRunImportsNothing()
    {
        await using var store = TempStore.Create(Kind);
        using var folder = new TempFolder();
        var runs = Runs();
        runs.WriteTo(folder.Root);

        var (exit, output, error) = await RunAsync(store, folder.Root);

        Assert.True(exit == ImportCommand.Imported, output + error);
        var lines = Lines(output);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains("run run-b,", StringComparison.Ordinal) && l.Contains("Azure FocusCost export 1.0r2, 4 file(s), 20 rows, 2026-10-01..2026-10-20", StringComparison.Ordinal)
            && l.Contains($"EUR billed {runs.Billed("run-b")} effective {runs.Billed("run-b") / 2}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("run run-null,", StringComparison.Ordinal) && l.Contains("28 rows, 2026-09-01..2026-09-28", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("run run-a,", StringComparison.Ordinal) && l.Contains("skipped: superseded by run run-b", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("run run-empty,", StringComparison.Ordinal) && l.Contains("skipped: dataRowCount is 0", StringComparison.Ordinal));
        var stored = await StoreTotals.ReadAsync(store);
        Assert.Equal(20 + 28, stored.Rows);
        Assert.Equal(runs.Billed("run-b") + runs.Billed("run-null"), stored.Billed);
        Assert.Equal(stored.Billed / 2, stored.Effective);
        Assert.Equal(stored.Billed, stored.RollupBilled);
        Assert.Equal(["run-b", "run-null"], stored.Runs.Where(r => r.Outcome == ExportRunOutcome.Imported).Select(r => r.RunId).Order());
        Assert.All(stored.Runs, r => Assert.StartsWith("cli:", r.ProcessedBy));

        var again = await RunAsync(store, folder.Root);

        Assert.Equal(ImportCommand.Imported, again.Exit);
        Assert.Contains(Lines(again.Output), l => l.Contains("run run-b,", StringComparison.Ordinal) && l.Contains("skipped: already imported", StringComparison.Ordinal));
        var after = await StoreTotals.ReadAsync(store);
        Assert.Equal((stored.Rows, stored.Billed), (after.Rows, after.Billed));
        Assert.Equal(stored.Runs.Count, after.Runs.Count);
    }

    [Fact]
    public async Task RunA_ThenRunB_InTwoInvocations_TheMonthEqualsRunB()
    {
        await using var store = TempStore.Create(Kind);
        using var folder = new TempFolder();
        var runs = new ImportableRuns();
        runs.Run("daily", "run-a", "2026-10-11T06:00:00Z", lastDay: 10, parts: 2);
        runs.WriteTo(folder.Root);

        Assert.Equal(ImportCommand.Imported, (await RunAsync(store, folder.Root)).Exit);
        Assert.Equal(runs.Billed("run-a"), (await StoreTotals.ReadAsync(store)).Billed);
        runs.Run("daily", "run-b", "2026-10-21T06:00:00Z", lastDay: 20, parts: 3);
        runs.WriteTo(folder.Root);
        var (exit, output, _) = await RunAsync(store, folder.Root);

        Assert.Equal(ImportCommand.Imported, exit);
        Assert.Contains("10 rows replaced", Lines(output).Single(l => l.Contains("run run-b,", StringComparison.Ordinal)));
        var stored = await StoreTotals.ReadAsync(store);
        Assert.Equal((20, runs.Billed("run-b")), (stored.Rows, stored.Billed));
    }

    [Fact]
    public async Task UndoingAnExportRunsImport_LetsTheNextReadImportItAgain()
    {
        await using var store = TempStore.Create(Kind);
        using var folder = new TempFolder();
        var runs = new ImportableRuns();
        runs.Run("daily", "run-a", "2026-10-11T06:00:00Z", lastDay: 10, parts: 2);
        runs.WriteTo(folder.Root);
        Assert.Equal(ImportCommand.Imported, (await RunAsync(store, folder.Root)).Exit);

        using (var host = CoreHost.Builder(store.Folder, TestSettings.Isolated(store)).Build())
        {
            var importer = host.Services.GetRequiredService<CostImporter>();
            var batch = (await importer.HistoryAsync(Actor.System, 10, Ct)).Single();
            await importer.UndoAsync(Actor.System, batch.Id, Ct);
        }
        var undone = await StoreTotals.ReadAsync(store);
        Assert.Equal((0, 0m), (undone.Rows, undone.Billed));
        Assert.DoesNotContain(undone.Runs, r => r.Outcome == ExportRunOutcome.Imported);

        var (exit, output, _) = await RunAsync(store, folder.Root);

        Assert.Equal(ImportCommand.Imported, exit);
        Assert.DoesNotContain("skipped", Lines(output).Single(l => l.Contains("run run-a,", StringComparison.Ordinal)));
        Assert.Equal((10, runs.Billed("run-a")), ((await StoreTotals.ReadAsync(store)).Rows, (await StoreTotals.ReadAsync(store)).Billed));
    }
}

public sealed class SqliteImportCommandTests : ImportCommandTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;

    [Fact]
    public async Task FocusSample_ImportsWithTheSourcesTotals_OneLine_ExitZero()
    {
        await using var store = TempStore.Create();
        var path = SharedData.File("focus_sample.csv");

        var (exit, output, error) = await RunAsync(store, path);

        Assert.True(exit == ImportCommand.Imported, output + error);
        Assert.Equal($"{path}: FOCUS 1.0, 1000 rows, 2024-09-01..2024-09-30, USD billed 20.52022672899 effective 14.97651418586, 0 rows replaced", output.Trim());
        var stored = await StoreTotals.ReadAsync(store);
        Assert.Equal((20.52022672899m, 14.97651418586m), (stored.Billed, stored.Effective));
    }

    [Fact]
    public async Task MalformedFile_IsRefusedWithItsLine_TheOtherFileImports_ExitOne()
    {
        await using var store = TempStore.Create();
        using var folder = new TempFolder();
        folder.Write("costs/bad.csv", "ChargePeriodStart,BilledCost,EffectiveCost,BillingCurrency,ProviderName,BillingAccountId\n" +
            "2026-10-01,1.5,1.5,USD,Microsoft,ba-1\n2026-10-02,not-a-number,1,USD,Microsoft,ba-1\n");
        folder.Write("costs/good.csv", "ChargePeriodStart,BilledCost,EffectiveCost,BillingCurrency,ProviderName,BillingAccountId\n" +
            "2026-10-01,2.25,2,USD,Microsoft,ba-2\n2026-10-02,3.5,3,USD,Microsoft,ba-2\n");

        var (exit, output, _) = await RunAsync(store, Path.Combine(folder.Root, "costs"));

        Assert.Equal(ImportCommand.Refused, exit);
        var lines = Lines(output);
        Assert.Equal(2, lines.Length);
        Assert.Contains("bad.csv: refused: bad.csv, line 3, column BilledCost, value 'not-a-number'", lines[0]);
        Assert.EndsWith("good.csv: FOCUS 1.0, 2 rows, 2026-10-01..2026-10-02, USD billed 5.75 effective 5, 0 rows replaced", lines[1]);
        var stored = await StoreTotals.ReadAsync(store);
        Assert.Equal((2, 5.75m), (stored.Rows, stored.Billed));
    }

    [Fact]
    public async Task ARunWithABadPartition_IsRefused_TheOtherExportsRunImports_ExitOne()
    {
        await using var store = TempStore.Create();
        using var folder = new TempFolder();
        var runs = new ImportableRuns();
        runs.Run("daily", "run-bad", "2026-10-11T06:00:00Z", lastDay: 10, parts: 3, badPart: 1);
        runs.Run("other", "run-ok", "2026-10-11T07:00:00Z", lastDay: 10, parts: 2);
        runs.WriteTo(folder.Root);

        var (exit, output, _) = await RunAsync(store, folder.Root);

        Assert.Equal(ImportCommand.Refused, exit);
        Assert.Contains("refused: exports/daily/20261001-20261028/run-bad/part_0_0002.csv.gz, line 3, column BilledCost", Lines(output).Single(l => l.Contains("run run-bad,", StringComparison.Ordinal)));
        var stored = await StoreTotals.ReadAsync(store);
        Assert.Equal(runs.Billed("run-ok"), stored.Billed);
        Assert.Contains("line 3", stored.Runs.Single(r => r.Outcome == ExportRunOutcome.Refused).Message);
    }

    [Fact]
    public async Task NoPaths_OrAPathThatIsNotThere_IsAUsageError_ExitTwo()
    {
        await using var store = TempStore.Create();

        var none = await RunAsync(store);
        var missing = await RunAsync(store, "/no/such/file.csv");
        var help = await RunAsync(store, "--help");

        Assert.Equal((ImportCommand.UsageError, ImportCommand.UsageError, ImportCommand.Imported), (none.Exit, missing.Exit, help.Exit));
        Assert.Contains("Usage: dotnet run --project CostSense.Web -- import <file-or-folder>...", none.Error);
        Assert.Contains("Not found: /no/such/file.csv", missing.Error);
        Assert.Contains("Usage:", help.Output);
        Assert.False(File.Exists(store.SqlitePath), "a usage error touches no store");
    }
}

public sealed class PostgresImportCommandTests : ImportCommandTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
