using System.IO.Compression;
using System.Text;
using CostSense.Core.Imports;
using CostSense.Core.Imports.Containers;
using Microsoft.Extensions.Options;

namespace CostSense.Tests.Imports.Containers;

/// <summary>A forward-only stream over bytes (an upload, a blob download) that counts what was read from it.</summary>
internal sealed class CountingStream(byte[] bytes) : Stream
{
    private readonly MemoryStream _inner = new(bytes);

    public long BytesRead { get; private set; }
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = _inner.Read(buffer, offset, count);
        BytesRead += n;
        return n;
    }
}

/// <summary>Builders and readers shared by the container tests.</summary>
internal static class ContainerFiles
{
    public static ContainerOpener Opener(long maxDecompressedBytes = 1L << 30) =>
        new(Options.Create(new ImportOptions { MaxDecompressedBytes = maxDecompressedBytes }));

    public static byte[] Gzip(byte[] data, CompressionLevel level = CompressionLevel.Optimal)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, level, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Opens and reads the whole content, as the CSV reader would.</summary>
    public static async Task<(ContainerKind Kind, byte[] Content)> ReadAllAsync(byte[] file, string name, ContainerOpener? opener = null, bool seekable = false)
    {
        var ct = TestContext.Current.CancellationToken;
        Stream raw = seekable ? new MemoryStream(file) : new CountingStream(file);
        await using var opened = await (opener ?? Opener()).OpenAsync(raw, name, ct);
        var content = new MemoryStream();
        await opened.Content.CopyToAsync(content, ct);
        return (opened.Kind, content.ToArray());
    }

    public const string Csv = "BilledCost,ServiceName\r\n1.5,\"Virtual Machines, Linux\"\r\n-0.25,Storage\r\n";
}
