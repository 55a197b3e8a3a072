using CostSense.Core.Imports.Formats;

namespace CostSense.Core.Imports;

/// <summary>
/// A cost file to import: its name (for messages and the batch), a way to open it again (the importer reads it once to
/// check every row and again to write, and a retried write reads it anew), and the export manifest's hint if there is one.
/// </summary>
public sealed record ImportFile(string Name, Func<CancellationToken, Task<Stream>> Open, FormatHint? Hint = null)
{
    /// <summary>A file on disk.</summary>
    public static ImportFile FromPath(string path, FormatHint? hint = null) =>
        new(Path.GetFileName(path), _ => Task.FromResult<Stream>(File.OpenRead(path)), hint);
}
