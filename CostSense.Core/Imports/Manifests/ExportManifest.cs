namespace CostSense.Core.Imports.Manifests;

/// <summary>
/// An Azure Cost Management export run, as its <c>manifest.json</c> describes it (<see cref="ExportManifestParser"/>):
/// which export (<see cref="ResourceId"/>, <see cref="ExportName"/>), which dataset (<see cref="Type"/>: FocusCost,
/// ActualCost, AmortizedCost…, and <see cref="DataVersion"/>), which run and period, and its data files. Times are UTC.
/// <see cref="DataRowCount"/> is null where newer manifests leave it out or null, and 0 for a run that delivered
/// nothing.
/// </summary>
public sealed record ExportManifest(
    string ExportName,
    string? ResourceId,
    string? DataVersion,
    string Type,
    string? TimeFrame,
    string? Granularity,
    string? FileFormat,
    string? RootFolderPath,
    string RunId,
    DateTimeOffset SubmittedTime,
    DateTimeOffset StartDate,
    DateTimeOffset EndDate,
    int BlobCount,
    long? DataRowCount,
    long? ByteCount,
    IReadOnlyList<ExportManifestBlob> Blobs)
{
    /// <summary>
    /// What identifies the export across its runs: its resource id (an export's full ARM id names its scope too), or
    /// its name where an older manifest has no resource id; compared case-insensitively, as ARM ids are.
    /// </summary>
    public string ExportKey => (ResourceId is { Length: > 0 } id ? id.TrimEnd('/') : ExportName).ToLowerInvariant();

    /// <summary>The billing month the run covers: the first day of <see cref="StartDate"/>'s month (UTC).</summary>
    public DateOnly Month => new(StartDate.UtcDateTime.Year, StartDate.UtcDateTime.Month, 1);
}
