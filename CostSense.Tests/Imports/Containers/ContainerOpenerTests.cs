using System.Text;
using CostSense.Core.Imports;
using CostSense.Core.Imports.Containers;
using static CostSense.Tests.Imports.Containers.ContainerFiles;

namespace CostSense.Tests.Imports.Containers;

public sealed class ContainerOpenerTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Csv_ComesThroughUnchanged(bool seekable)
    {
        var (kind, content) = await ReadAllAsync(Utf8(Csv), "focus.csv", seekable: seekable);
        Assert.Equal(ContainerKind.Csv, kind);
        Assert.Equal(Csv, Encoding.UTF8.GetString(content));
    }

    [Fact]
    public async Task Utf8Bom_IsRemoved()
    {
        var (_, content) = await ReadAllAsync([0xEF, 0xBB, 0xBF, .. Utf8(Csv)], "focus.csv");
        Assert.Equal(Utf8(Csv), content);
    }

    [Fact]
    public async Task Utf8Bom_InsideGzip_IsRemoved()
    {
        var (kind, content) = await ReadAllAsync(Gzip([0xEF, 0xBB, 0xBF, .. Utf8(Csv)]), "part_0_0001.csv.gz");
        Assert.Equal(ContainerKind.GzipCsv, kind);
        Assert.Equal(Utf8(Csv), content);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Gzip_RoundTrips(bool seekable)
    {
        // Larger than the sniffing buffer and than one inflater read, non-ASCII included.
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i}.123456789,Région {i % 7},ü\n"));
        var (kind, content) = await ReadAllAsync(Gzip(Utf8(text)), "part_0_0001.csv.gz", seekable: seekable);
        Assert.Equal(ContainerKind.GzipCsv, kind);
        Assert.Equal(text, Encoding.UTF8.GetString(content));
    }

    [Fact]
    public async Task Gzip_ExactlyAtTheLimit_IsRead()
    {
        var data = Utf8(Csv);
        var (_, content) = await ReadAllAsync(Gzip(data), "a.csv.gz", Opener(maxDecompressedBytes: data.Length));
        Assert.Equal(data, content);
    }

    [Fact]
    public async Task GzipBomb_IsRefusedAtTheLimit_WithoutInflatingFurther()
    {
        // 256 MiB of one repeated CSV line compress to a few hundred KiB; the limit is 1 MiB.
        var bomb = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(bomb, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            var line = Utf8("0.0,Storage\n");
            var mib = new byte[1 << 20];
            for (var i = 0; i < mib.Length; i++) mib[i] = line[i % line.Length];
            for (var i = 0; i < 256; i++) gz.Write(mib);
        }
        var compressed = bomb.ToArray();
        const long limit = 1 << 20;
        var source = new CountingStream(compressed);
        var ct = TestContext.Current.CancellationToken;

        long delivered = 0;
        var e = await Assert.ThrowsAsync<ImportException>(async () =>
        {
            await using var opened = await Opener(limit).OpenAsync(source, "bomb.csv.gz", ct);
            var buffer = new byte[81920];
            int n;
            while ((n = await opened.Content.ReadAsync(buffer, ct)) > 0) delivered += n;
        });

        Assert.Contains("limit", e.Reason);
        Assert.Contains("CostSense:Imports:MaxDecompressedBytes", e.Reason);
        Assert.True(delivered <= limit, $"{delivered} bytes were handed out past the {limit}-byte limit");
        // The inflater stopped near the limit: it read a small part of the compressed file, not all of it.
        Assert.True(source.BytesRead < compressed.Length / 8, $"read {source.BytesRead} of {compressed.Length} compressed bytes");
    }

    [Theory]
    [InlineData(4)]    // the size half of the trailer missing
    [InlineData(8)]    // the whole trailer missing
    [InlineData(-1)]   // cut in the middle of the deflate data
    public async Task TruncatedGzip_IsRefused(int cutFromEnd)
    {
        var text = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"{i},{i * 31 % 997}.{i % 13}\n"));
        var gz = Gzip(Utf8(text));
        var cut = cutFromEnd > 0 ? gz[..^cutFromEnd] : gz[..(gz.Length / 2)];

        var e = await Assert.ThrowsAsync<ImportException>(() => ReadAllAsync(cut, "part_0_0001.csv.gz"));
        Assert.StartsWith("truncated gzip", e.Reason);
        Assert.Null(e.Line);
    }

    [Fact]
    public async Task GzipHeaderOnly_IsRefusedAsTruncated()
    {
        var e = await Assert.ThrowsAsync<ImportException>(() => ReadAllAsync(Gzip(Utf8(Csv))[..11], "part_0_0001.csv.gz"));
        Assert.StartsWith("truncated gzip", e.Reason);
    }

    [Fact]
    public async Task CorruptGzip_IsRefused()
    {
        var gz = Gzip(Utf8(string.Concat(Enumerable.Repeat(Csv, 500))));
        for (var i = 20; i < gz.Length - 20; i += 7) gz[i] ^= 0x5A;
        var e = await Assert.ThrowsAsync<ImportException>(() => ReadAllAsync(gz, "part_0_0001.csv.gz"));
        Assert.Matches("^(corrupt|truncated) gzip", e.Reason);
    }

    public static TheoryData<string, byte[]> Utf16Files => new()
    {
        { "UTF-16 LE (with a byte order mark)", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Csv)] },
        { "UTF-16 BE (with a byte order mark)", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Csv)] },
        { "UTF-16 LE (without a byte order mark)", Encoding.Unicode.GetBytes(Csv) },
        { "UTF-16 BE (without a byte order mark)", Encoding.BigEndianUnicode.GetBytes(Csv) },
        { "UTF-32 LE (with a byte order mark)", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(Csv)] },
    };

    [Theory]
    [MemberData(nameof(Utf16Files))]
    public async Task Utf16AndUtf32_AreRefused_NamingTheEncodingAndHowToReSave(string encoding, byte[] file)
    {
        var e = await Assert.ThrowsAsync<ImportException>(() => ReadAllAsync(file, "export.csv"));
        Assert.Contains(encoding, e.Reason);
        Assert.Contains("CSV UTF-8", e.Reason);
    }

    [Fact]
    public async Task Utf16_InsideGzip_IsRefused()
    {
        var e = await Assert.ThrowsAsync<ImportException>(() => ReadAllAsync(Gzip([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Csv)]), "a.csv.gz"));
        Assert.Contains("UTF-16 LE", e.Reason);
    }

    [Fact]
    public async Task Windows1252_IsRefusedAsNotUtf8()
    {
        byte[] file = [.. Utf8("ResourceName\r\nCaf"), 0xE9, .. Utf8("\r\n")];   // "Café" in Windows-1252
        var e = await Assert.ThrowsAsync<ImportException>(() => ReadAllAsync(file, "export.csv"));
        Assert.Contains("not UTF-8", e.Reason);
        Assert.Contains("offset 17", e.Reason);
    }

    [Fact]
    public async Task MultiByteCharacter_CutByTheSniffingBuffer_IsAccepted()
    {
        // "é" is two bytes; put its first byte last in the 4096-byte sample.
        var text = new string('a', 4095) + "é,b\n";
        var (_, content) = await ReadAllAsync(Utf8(text), "export.csv");
        Assert.Equal(text, Encoding.UTF8.GetString(content));
    }

    [Fact]
    public async Task Parquet_IsPassedThroughForTheParquetSource()
    {
        byte[] file = [.. "PAR1"u8, 1, 2, 3, .. "PAR1"u8];
        var (kind, content) = await ReadAllAsync(file, "part_0_0001.parquet");
        Assert.Equal(ContainerKind.Parquet, kind);
        Assert.Equal(file, content);
    }

    [Fact]
    public async Task ParquetInsideGzip_IsRefused()
    {
        var e = await Assert.ThrowsAsync<ImportException>(() => ReadAllAsync(Gzip([.. "PAR1"u8, 1, 2, 3, .. "PAR1"u8]), "x.parquet.gz"));
        Assert.Contains("Parquet", e.Reason);
    }

    [Fact]
    public async Task Cancellation_IsHonoured()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Opener().OpenAsync(new CountingStream(Gzip(Utf8(Csv))), "a.csv.gz", cts.Token));
    }
}
