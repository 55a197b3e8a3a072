using System.IO.Compression;
using System.Text;
using CostSense.Core.Access;
using CostSense.Core.Imports;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Imports.Store;

/// <summary>
/// Every CSV under the shared test data, through the importer into a real store (SQLite and PostgreSQL): a cost file's
/// rows land with exactly the totals its rows carry (which SharedDataImportTests ties to SOURCES.md), then undo empties
/// the store again; a file the reader refuses is refused by the importer with the same message and the store is left as
/// it was. And each defect an export file can have, in a generated file: refused whole, the store unchanged.
/// </summary>
public abstract class SharedDataStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryCsvUnderSharedData_LandsWithItsTotalsToTheLastDecimal_OrIsRefusedLeavingTheStoreAsItWas()
    {
        var root = Path.GetDirectoryName(SharedData.File("SOURCES.md"))!;
        var files = Directory.EnumerateFiles(root, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 25, $"only {files.Count} CSV files under {root}");
        await using var host = await CoreHost.StartAsync(Kind, Now);
        var importer = host.Get<CostImporter>();
        var empty = await ImportedStore.ReadAsync(host);
        var (imported, refused) = (0, 0);

        foreach (var path in files)
        {
            var name = Path.GetRelativePath(root, path);
            ImportException? readerRefusal = null;
            List<CostSense.Core.Imports.Formats.ImportedCostRow> rows = [];
            try { rows = (await CostFiles.ReadFileAsync(path)).Rows; }
            catch (ImportException e) { readerRefusal = e; }

            if (readerRefusal is not null)
            {
                var e = await Assert.ThrowsAsync<ImportException>(() => importer.ImportFileAsync(Actor.System, ImportFile.FromPath(path), Ct));
                Assert.Equal(readerRefusal.Message, e.Message);
                Assert.Equal(empty, await ImportedStore.ReadAsync(host));
                refused++;
                continue;
            }

            var summary = await importer.ImportFileAsync(Actor.System, ImportFile.FromPath(path), Ct);
            var stored = await ImportedStore.ReadAsync(host);
            Assert.True(rows.Count == summary.Rows, name);
            Assert.True(rows.Billed() == stored.Billed, $"{name}: billed {rows.Billed()} in the file, {stored.Billed} stored");
            Assert.True(rows.Effective() == stored.Effective, $"{name}: effective {rows.Effective()} in the file, {stored.Effective} stored");
            Assert.True((stored.Billed, stored.Effective) == (stored.RollupBilled, stored.RollupEffective), $"{name}: rollups differ from rows");
            Assert.Equal(summary.Totals.Sum(t => t.BilledCost), stored.Billed);
            foreach (var batch in summary.BatchIds) await importer.UndoAsync(Actor.System, batch, Ct);
            Assert.Equal(empty, await ImportedStore.ReadAsync(host));
            imported++;
        }

        // SharedDataImportTests names which files import and which are refused; here both kinds must occur.
        Assert.True(imported >= 20 && refused >= 5, $"{imported} imported, {refused} refused");
    }

    public static TheoryData<string> Defects => ["field count", "date", "number", "truncated gzip", "utf-16", "duplicate column", "unknown header", "empty"];

    [Theory]
    [MemberData(nameof(Defects))]
    public async Task AFileWithADefect_IsRefusedWhole_AndTheStoreIsUnchanged(string defect)
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        var importer = host.Get<CostImporter>();
        await importer.ImportFileAsync(Actor.System, Bytes("good.csv", Encoding.UTF8.GetBytes(Csv(20))), Ct);
        var before = await ImportedStore.ReadAsync(host);
        Assert.Equal((20, 20 * 24 * 1.5m), (before.Rows, before.Billed));   // hourly rows, stored at daily grain
        var good = Csv(31);
        var (name, bytes) = defect switch
        {
            "field count" => ("short.csv", Encoding.UTF8.GetBytes(good.Replace("2026-10-15T05:00:00Z,1.5,1.5,", "2026-10-15T05:00:00Z,1.5,"))),
            "date" => ("date.csv", Encoding.UTF8.GetBytes(good.Replace("2026-10-31T23:00:00Z", "2026-10-31T24:00:00Z"))),
            "number" => ("number.csv", Encoding.UTF8.GetBytes(good.Replace("2026-10-31T23:00:00Z,1.5", "2026-10-31T23:00:00Z,1.5.0"))),
            "truncated gzip" => ("cut.csv.gz", Gzip(good)[..^9]),
            "utf-16" => ("utf16.csv", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(good)).ToArray()),
            "duplicate column" => ("dup.csv", Encoding.UTF8.GetBytes(good.Replace("ListCost", "BilledCost"))),
            "unknown header" => ("unknown.csv", Encoding.UTF8.GetBytes(good.Replace("ChargePeriodStart", "UsageWhen").Replace("EffectiveCost", "Amount"))),
            "empty" => ("empty.csv", Array.Empty<byte>()),
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        var e = await Assert.ThrowsAsync<ImportException>(() => importer.ImportFileAsync(Actor.System, Bytes(name, bytes), Ct));

        Assert.Equal(name, e.FileName);
        Assert.Equal(before, await ImportedStore.ReadAsync(host));
    }

    [Fact]
    public async Task AHeaderOnlyFile_ImportsZeroRows_AndSaysSo()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);

        var summary = await host.Get<CostImporter>().ImportFileAsync(Actor.System, Bytes("header.csv", Encoding.UTF8.GetBytes(Csv(0))), Ct);

        Assert.Equal((0L, null, 0), (summary.Rows, summary.FirstDay, summary.BatchIds.Count));
        Assert.Equal(0, (await ImportedStore.ReadAsync(host)).Rows);
    }

    /// <summary>Hourly rows of October 2026, 1.5 each, for days 1..lastDay, of one billing account (header only for 0).</summary>
    private static string Csv(int lastDay)
    {
        var text = new StringBuilder("ChargePeriodStart,BilledCost,EffectiveCost,ListCost,BillingCurrency,ProviderName,BillingAccountId\r\n");
        for (var day = 1; day <= lastDay; day++)
            for (var hour = 0; hour < 24; hour++)
                text.Append($"2026-10-{day:00}T{hour:00}:00:00Z,1.5,1.5,2,EUR,Microsoft,ba-1\r\n");
        return text.ToString();
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }

    private static ImportFile Bytes(string name, byte[] bytes) => new(name, _ => Task.FromResult<Stream>(new MemoryStream(bytes)));
}

public sealed class SqliteSharedDataStoreTests : SharedDataStoreTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresSharedDataStoreTests : SharedDataStoreTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
