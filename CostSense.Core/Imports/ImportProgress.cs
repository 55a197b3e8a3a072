namespace CostSense.Core.Imports;

/// <summary>Where an import is: which file, whether its rows are being checked or written, and how many so far.</summary>
public sealed record ImportProgress(string FileName, ImportPhase Phase, long Rows);

/// <summary>
/// The importer's phases. Two passes check every row before writing any (on PostgreSQL one pass checks and writes each
/// row as it is read, and reports only <see cref="Writing"/>); then, every row written, the store finishes: indexes of a
/// new month, rollups and the inventory derived from the rows, which on a large file takes a while of its own.
/// </summary>
public enum ImportPhase
{
    Checking,
    Writing,
    Finishing,
}
