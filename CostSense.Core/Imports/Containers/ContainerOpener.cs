using Microsoft.Extensions.Options;

namespace CostSense.Core.Imports.Containers;

/// <summary>
/// Opens a cost file's bytes safely: detects the container (<see cref="ContainerDetector"/>), inflates gzip within
/// <see cref="ImportOptions.MaxDecompressedBytes"/> (refusing a bomb and a truncated file), and checks that text is
/// UTF-8 (refusing UTF-16 and other encodings, removing a UTF-8 byte order mark). Reads forward only, so an upload or a
/// blob can be opened without buffering it; nothing is held beyond a 4 KiB sniffing buffer.
/// </summary>
public sealed class ContainerOpener(IOptions<ImportOptions> options)
{
    /// <summary>
    /// Opens <paramref name="raw"/> (taking ownership: disposing the result disposes it). Throws
    /// <see cref="ImportException"/> for a file that cannot be read as CSV, gzip'd CSV or Parquet.
    /// </summary>
    public async Task<OpenedContainer> OpenAsync(Stream raw, string fileName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(raw);
        try
        {
            var start = raw.CanSeek ? raw.Position : 0;
            var head = await ReplayStream.ReadPrefixAsync(raw, ContainerDetector.MagicLength, ct);
            var kind = ContainerDetector.Detect(head, fileName);
            Stream rewound;
            if (raw.CanSeek) { raw.Position = start; rewound = raw; }
            else rewound = new ReplayStream(head, raw);

            return kind switch
            {
                ContainerKind.Parquet => new OpenedContainer(kind, fileName, rewound),
                ContainerKind.GzipCsv => await OpenTextAsync(kind, fileName, new BoundedGzipStream(rewound, options.Value.MaxDecompressedBytes, fileName), ct),
                _ => await OpenTextAsync(kind, fileName, rewound, ct),
            };
        }
        catch
        {
            await raw.DisposeAsync();
            throw;
        }
    }

    private static async Task<OpenedContainer> OpenTextAsync(ContainerKind kind, string fileName, Stream text, CancellationToken ct)
    {
        try
        {
            var sample = await ReplayStream.ReadPrefixAsync(text, TextEncodingCheck.SampleLength, ct);
            if (kind == ContainerKind.GzipCsv && sample.AsSpan().StartsWith("PAR1"u8))
                throw new ImportException(fileName, "is a Parquet file inside gzip: Parquet compresses itself, import the .parquet file as it is");
            var bom = TextEncodingCheck.BomLength(sample, isWholeFile: sample.Length < TextEncodingCheck.SampleLength, fileName);
            return new OpenedContainer(kind, fileName, new ReplayStream(sample.AsMemory(bom), text));
        }
        catch
        {
            await text.DisposeAsync();
            throw;
        }
    }
}
