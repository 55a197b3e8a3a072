namespace CostSense.Core.Imports.Containers;

/// <summary>
/// Passes a compressed stream through and remembers its last 8 bytes (gzip's trailer: CRC-32 and size) and how many
/// bytes were read, so the inflater's consumption can be checked after it reports the end.
/// </summary>
internal sealed class TailTrackingStream(Stream inner) : ReadOnlyStream
{
    private readonly byte[] _tail = new byte[8];
    private int _tailLength;

    /// <summary>Compressed bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The last bytes read, at most 8.</summary>
    public ReadOnlySpan<byte> Tail => _tail.AsSpan(0, _tailLength);

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Track(buffer[..n]);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        Track(buffer.Span[..n]);
        return n;
    }

    private void Track(ReadOnlySpan<byte> read)
    {
        BytesRead += read.Length;
        if (read.Length >= 8)
        {
            read[^8..].CopyTo(_tail);
            _tailLength = 8;
            return;
        }
        var keep = Math.Min(_tailLength, 8 - read.Length);
        _tail.AsSpan(_tailLength - keep, keep).CopyTo(_tail);
        read.CopyTo(_tail.AsSpan(keep));
        _tailLength = keep + read.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
