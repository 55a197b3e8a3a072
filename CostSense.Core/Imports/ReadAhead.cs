using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace CostSense.Core.Imports;

/// <summary>
/// Runs an async sequence on a task of its own, a bounded number of chunks ahead of its reader: an import parses and
/// maps the file on one core while the other encodes the rows into COPY (PostgreSQL's server does its share in its own
/// process). At most <c>chunk × capacity</c> items are in flight, so memory stays flat whatever the file's size. An
/// exception of the producer (a malformed row) surfaces in the reader as itself; a reader that stops early stops it.
/// </summary>
internal static class ReadAhead
{
    public static async IAsyncEnumerable<T> Of<T>(IAsyncEnumerable<T> source, int chunk, int capacity, [EnumeratorCancellation] CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = Channel.CreateBounded<List<T>>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => ProduceAsync(source, channel.Writer, chunk, stop.Token), CancellationToken.None);
        try
        {
            while (true)
            {
                List<T>? items;
                try
                {
                    items = await channel.Reader.WaitToReadAsync(ct) && channel.Reader.TryRead(out var next) ? next : null;
                }
                catch
                {
                    // The producer's own exception (it completed the channel with it) is the one to surface.
                    await producer;
                    throw;
                }
                if (items is null) break;
                foreach (var item in items) yield return item;
            }
            await producer;
        }
        finally
        {
            stop.Cancel();
            try { await producer; }
            catch { /* observed above, or the reader stopped early */ }
        }
    }

    private static async Task ProduceAsync<T>(IAsyncEnumerable<T> source, ChannelWriter<List<T>> writer, int chunk, CancellationToken ct)
    {
        try
        {
            var items = new List<T>(chunk);
            await foreach (var item in source.WithCancellation(ct))
            {
                items.Add(item);
                if (items.Count < chunk) continue;
                await writer.WriteAsync(items, ct);
                items = new List<T>(chunk);
            }
            if (items.Count > 0) await writer.WriteAsync(items, ct);
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
            throw;
        }
    }
}
