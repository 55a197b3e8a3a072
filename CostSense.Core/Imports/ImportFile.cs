using CostSense.Core.Imports.Formats;

namespace CostSense.Core.Imports;

/// <summary>
/// A cost file to import: its name (for messages and the batch), a way to open it again (the importer reads it once to
/// check every row and again to write, and a retried write reads it anew), and the export manifest's hint if there is one.
/// <see cref="ExportKey"/> is the export a run's file belongs to (its manifest's <c>ExportKey</c>): its rows then belong to
/// that export's source, so a subscription export and a billing-account export are told apart; a file without a manifest
/// belongs to its provider and billing account.
/// </summary>
public sealed record ImportFile(string Name, Func<CancellationToken, Task<Stream>> Open, FormatHint? Hint = null, string? ExportKey = null)
{
    /// <summary>A file on disk, named for messages by its file name (or <paramref name="name"/>, e.g. an upload's own).</summary>
    public static ImportFile FromPath(string path, FormatHint? hint = null, string? name = null) =>
        new(name ?? Path.GetFileName(path), _ => Task.FromResult<Stream>(File.OpenRead(path)), hint);
}
