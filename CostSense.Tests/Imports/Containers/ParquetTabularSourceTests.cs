using System.Numerics;
using CostSense.Core.Imports;
using CostSense.Core.Imports.Containers;
using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace CostSense.Tests.Imports.Containers;

public sealed class ParquetTabularSourceTests
{
    private static readonly DecimalDataField BilledCost = new("BilledCost", 38, 18, isNullable: true);
    private static readonly DateTimeDataField ChargePeriodStart = new("ChargePeriodStart", DateTimeFormat.DateAndTime, isNullable: true);
    private static readonly DataField<string> ServiceName = new("ServiceName", nullable: true);
    private static readonly DataField<long> Quantity = new("x_Quantity", nullable: false);

    // As Azure writes them: snappy, money as DECIMAL(38, 18); several row groups.
    private static readonly (decimal? Cost, DateTime? Start, string? Service, long Quantity)[][] Groups =
    [
        [
            (1234.5678901234567891m, new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), "Virtual Machines", 24),
            (-0.000000000123456789m, new DateTime(2026, 10, 1, 13, 45, 7, DateTimeKind.Utc), "Storage, \"Hot\"", 1),
        ],
        [
            (null, null, null, 0),
            (0m, new DateTime(2026, 10, 31, 23, 0, 0, DateTimeKind.Utc), "", 3),
        ],
        [
            (99999999.999999999999999999m, new DateTime(2026, 10, 2, 0, 0, 0, DateTimeKind.Utc), "Bandwidth", 7),
        ],
    ];

    private static async Task<byte[]> WriteAsync(CancellationToken ct)
    {
        var schema = new ParquetSchema(BilledCost, ChargePeriodStart, ServiceName, Quantity);
        var ms = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, ms, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }, false, ct))
        {
            foreach (var group in Groups)
            {
                using var rg = writer.CreateRowGroup();
                await rg.WriteAsync<decimal>(BilledCost, group.Select(r => r.Cost).ToArray(), null, null, ct);
                await rg.WriteAsync<DateTime>(ChargePeriodStart, group.Select(r => r.Start).ToArray(), null, null, ct);
                await rg.WriteAsync(ServiceName, group.Select(r => r.Service).ToArray(), null);
                await rg.WriteAsync<long>(Quantity, group.Select(r => r.Quantity).ToArray(), null, null, ct);
            }
        }
        return ms.ToArray();
    }

    private static async Task<List<TabularRow>> ReadAllAsync(ITabularSource source)
    {
        var rows = new List<TabularRow>();
        while (await source.ReadAsync(TestContext.Current.CancellationToken) is { } row) rows.Add(row);
        return rows;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]   // an upload or a blob download: spooled to a temporary file first
    public async Task Values_ComeOutAsExactInvariantText(bool seekable)
    {
        var ct = TestContext.Current.CancellationToken;
        var bytes = await WriteAsync(ct);
        Stream stream = seekable ? new MemoryStream(bytes) : new CountingStream(bytes);

        await using var source = await ParquetTabularSource.OpenAsync(stream, "part_0_0001.parquet", ct);
        var rows = await ReadAllAsync(source);

        Assert.Equal("part_0_0001.parquet", source.FileName);
        Assert.Equal(["BilledCost", "ChargePeriodStart", "ServiceName", "x_Quantity"], source.Header);
        Assert.Equal([2L, 3, 4, 5, 6], rows.Select(r => r.Line));
        // The written decimals exactly, as decimal.ToString(InvariantCulture) prints them (Parquet.Net drops the trailing zeros of scale 18).
        string?[][] expected =
        [
            ["1234.5678901234567891", "2026-10-01T00:00:00Z", "Virtual Machines", "24"],
            ["-0.000000000123456789", "2026-10-01T13:45:07Z", "Storage, \"Hot\"", "1"],
            [null, null, null, "0"],
            ["0", "2026-10-31T23:00:00Z", "", "3"],
            ["99999999.999999999999999999", "2026-10-02T00:00:00Z", "Bandwidth", "7"],
        ];
        Assert.Equal(expected, rows.Select(r => r.Cells));
    }

    [Fact]
    public async Task Decimals_SumToTheWrittenTotal_ToTheLastDecimal()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = await ParquetTabularSource.OpenAsync(new MemoryStream(await WriteAsync(ct)), "p.parquet", ct);
        var total = (await ReadAllAsync(source))
            .Select(r => r.Cells[0]).Where(c => c is not null)
            .Sum(c => decimal.Parse(c!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Groups.SelectMany(g => g).Sum(r => r.Cost ?? 0m), total);
    }

    [Fact]
    public async Task Decimal38_BeyondSystemDecimal_KeepsEveryDigit()
    {
        // 38 significant digits: System.Decimal would silently keep 29 of them.
        var ct = TestContext.Current.CancellationToken;
        var field = new BigDecimalDataField("x_Big", 38, 18, isNullable: false);
        var ms = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), ms, new ParquetOptions { UseBigDecimal = true }, false, ct))
        {
            using var rg = writer.CreateRowGroup();
            BigDecimal[] values =
            [
                new(BigInteger.Parse("12345678901234567890123456789012345678"), 38, 18),
                new(BigInteger.Parse("-15"), 38, 18),
                new(BigInteger.Parse("-12000000000000000000"), 38, 18),
            ];
            await rg.WriteAsync<BigDecimal>(field, values, null, null, ct);
        }

        await using var source = await ParquetTabularSource.OpenAsync(new MemoryStream(ms.ToArray()), "big.parquet", ct);
        var cells = (await ReadAllAsync(source)).Select(r => r.Cells[0]);

        Assert.Equal(["12345678901234567890.123456789012345678", "-0.000000000000000015", "-12"], cells);
    }

    [Fact]
    public async Task NotParquet_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var e = await Assert.ThrowsAsync<ImportException>(async () =>
            await ParquetTabularSource.OpenAsync(new MemoryStream([.. "PAR1"u8, 0, 0, 0, .. "PAR1"u8]), "broken.parquet", ct));
        Assert.Equal("broken.parquet", e.FileName);
        Assert.Contains("not a readable Parquet file", e.Reason);
    }

    [Fact]
    public async Task ReadAfterTheEnd_StaysNull()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = await ParquetTabularSource.OpenAsync(new MemoryStream(await WriteAsync(ct)), "p.parquet", ct);
        await ReadAllAsync(source);
        Assert.Null(await source.ReadAsync(ct));
    }
}
