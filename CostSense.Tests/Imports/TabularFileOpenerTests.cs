using System.IO.Compression;
using CostSense.Core.Imports;
using CostSense.Core.Imports.Containers;
using CostSense.Core.Imports.Formats;
using Microsoft.Extensions.Options;
using Parquet;
using Parquet.Schema;

namespace CostSense.Tests.Imports;

/// <summary>The same FOCUS data as CSV, gzip'd CSV and Parquet maps to the same rows and the same totals to the last decimal.</summary>
public sealed class TabularFileOpenerTests
{
    private static readonly TabularFileOpener Opener = new(new ContainerOpener(Options.Create(new ImportOptions())));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FocusSample_AsCsvGzipAndParquet_GivesTheSourcesTotals()
    {
        var csv = await File.ReadAllBytesAsync(SharedData.File("focus_sample.csv"), Ct);

        var plain = await ReadAsync(csv, "focus_sample.csv");
        var gzip = await ReadAsync(Gzip(csv), "focus_sample.csv.gz");
        var parquet = await ReadAsync(await ToParquetAsync(csv), "focus_sample.parquet");

        foreach (var rows in new[] { plain, gzip, parquet })
        {
            Assert.Equal(1000, rows.Count);
            Assert.Equal(20.52022672899m, rows.Billed());
            Assert.Equal(14.97651418586m, rows.Effective());
        }
        Assert.Equal(plain.Select(r => (r.Line, r.Record.ChargePeriodStart, r.Record.ServiceName, r.Record.BilledCost)),
            parquet.Select(r => (r.Line, r.Record.ChargePeriodStart, r.Record.ServiceName, r.Record.BilledCost)));
    }

    [Fact]
    public async Task AFileThatIsNoTable_IsRefusedWithItsName()
    {
        var ex = await Assert.ThrowsAsync<ImportException>(() => ReadAsync("PK\u0003\u0004 not a table"u8.ToArray(), "costs.xlsx"));

        Assert.Equal("costs.xlsx", ex.FileName);
    }

    private static async Task<List<ImportedCostRow>> ReadAsync(byte[] bytes, string fileName)
    {
        await using var table = await Opener.OpenAsync(new MemoryStream(bytes), fileName, Ct);
        var reader = CostFileReader.Open(table);
        var rows = new List<ImportedCostRow>();
        await foreach (var row in reader.ReadAllAsync(Ct)) rows.Add(row);
        return rows;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(bytes);
        return ms.ToArray();
    }

    /// <summary>The CSV's cells as Parquet string columns, nulls where the CSV says NULL, in one snappy row group.</summary>
    private static async Task<byte[]> ToParquetAsync(byte[] csv)
    {
        await using var source = await CsvTabularSource.OpenAsync("focus_sample.csv", new MemoryStream(csv), Ct);
        var rows = new List<string?[]>();
        while (await source.ReadAsync(Ct) is { } row) rows.Add(row.Cells);
        var fields = source.Header.Select(h => new DataField<string>(h, nullable: true)).ToArray();
        using var ms = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), ms, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }, false, Ct))
        {
            using var group = writer.CreateRowGroup();
            for (var i = 0; i < fields.Length; i++)
                await group.WriteAsync(fields[i], rows.Select(r => r[i] == "NULL" ? null : r[i]).ToArray(), null);
        }
        return ms.ToArray();
    }
}
