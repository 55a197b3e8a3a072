using System.Buffers.Binary;
using System.IO.Compression;

namespace CostSense.Core.Imports.Containers;

/// <summary>
/// Inflates a gzip stream and refuses it, with an <see cref="ImportException"/>, in three cases: it inflates past
/// <c>maxDecompressedBytes</c> (a gzip bomb: each read asks the inflater for at most one byte more than the limit
/// allows, so nothing beyond it is ever inflated); it ends before its trailer, or its trailer's CRC-32 and size do not
/// match what was inflated (a truncated download: .NET's <see cref="GZipStream"/> itself returns end of stream
/// silently there); or its deflate data is corrupt.
/// </summary>
/// <remarks>
/// The trailer is checked against the whole inflated output, so a file of several concatenated gzip members (which
/// Azure does not write) is refused as truncated too; the message says so.
/// </remarks>
internal sealed class BoundedGzipStream : ReadOnlyStream
{
    /// <summary>The smallest gzip file: a 10-byte header, an empty deflate block, the 8-byte trailer.</summary>
    private const int MinimumGzipLength = 18;

    private readonly TailTrackingStream _compressed;
    private readonly GZipStream _gzip;
    private readonly long _limit;
    private readonly string _fileName;
    private Crc32 _crc = new();
    private long _total;
    private bool _ended;

    public BoundedGzipStream(Stream compressed, long maxDecompressedBytes, string fileName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDecompressedBytes, 1);
        _compressed = new TailTrackingStream(compressed);
        _gzip = new GZipStream(_compressed, CompressionMode.Decompress);
        _limit = maxDecompressedBytes;
        _fileName = fileName;
    }

    /// <summary>Decompressed bytes handed out so far.</summary>
    public long DecompressedBytes => _total;

    /// <summary>Compressed bytes the inflater has pulled from the source so far.</summary>
    public long CompressedBytesRead => _compressed.BytesRead;

    public override int Read(Span<byte> buffer)
    {
        if (_ended || buffer.IsEmpty) return 0;
        int n;
        try { n = _gzip.Read(buffer[..Allowed(buffer.Length)]); }
        catch (InvalidDataException e) { throw Corrupt(e); }
        return Account(buffer[..n]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_ended || buffer.IsEmpty) return 0;
        int n;
        try { n = await _gzip.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken); }
        catch (InvalidDataException e) { throw Corrupt(e); }
        return Account(buffer.Span[..n]);
    }

    // One byte past the limit is enough to know the limit is passed; the inflater is never asked for more.
    private int Allowed(int requested) => (int)Math.Min(requested, _limit - _total + 1);

    private int Account(ReadOnlySpan<byte> inflated)
    {
        _total += inflated.Length;
        if (_total > _limit)
            throw new ImportException(_fileName,
                $"decompresses to more than {_limit:N0} bytes, the limit ({ImportOptions.Section}:{nameof(ImportOptions.MaxDecompressedBytes)}); refused without inflating further");
        if (inflated.IsEmpty)
        {
            _ended = true;
            CheckTrailer();
            return 0;
        }
        _crc.Append(inflated);
        return inflated.Length;
    }

    private void CheckTrailer()
    {
        var tail = _compressed.Tail;
        var complete = _compressed.BytesRead >= MinimumGzipLength
            && tail.Length == 8
            && BinaryPrimitives.ReadUInt32LittleEndian(tail) == _crc.Value
            && BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]) == unchecked((uint)_total);
        if (!complete)
            throw new ImportException(_fileName,
                "truncated gzip: the file ends before its gzip trailer, or the trailer does not match the data (download the file again; several gzip files concatenated into one are not supported either)");
    }

    private ImportException Corrupt(InvalidDataException e) =>
        new(_fileName, "corrupt gzip: " + e.Message + " (download the file again)");

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _gzip.DisposeAsync();
        await base.DisposeAsync();
    }
}
