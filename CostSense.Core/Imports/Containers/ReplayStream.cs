namespace CostSense.Core.Imports.Containers;

/// <summary>
/// Gives back bytes already read from a stream (to sniff its magic bytes or encoding), then the rest of the stream,
/// so a forward-only upload can be peeked at without buffering it.
/// </summary>
internal sealed class ReplayStream(ReadOnlyMemory<byte> prefix, Stream rest) : ReadOnlyStream
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    public override int Read(Span<byte> buffer)
    {
        if (_prefix.IsEmpty) return rest.Read(buffer);
        var n = Math.Min(buffer.Length, _prefix.Length);
        _prefix.Span[..n].CopyTo(buffer);
        _prefix = _prefix[n..];
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_prefix.IsEmpty) return rest.ReadAsync(buffer, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) rest.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await rest.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Reads up to <paramref name="count"/> bytes (fewer only at the end of the stream).</summary>
    public static async Task<byte[]> ReadPrefixAsync(Stream source, int count, CancellationToken ct)
    {
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var n = await source.ReadAsync(buffer.AsMemory(filled), ct);
            if (n == 0) break;
            filled += n;
        }
        return filled == count ? buffer : buffer[..filled];
    }
}
