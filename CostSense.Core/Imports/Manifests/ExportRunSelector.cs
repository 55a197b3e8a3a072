using System.Globalization;

namespace CostSense.Core.Imports.Manifests;

/// <summary>
/// Chooses which export runs to import from a tree of them, by their <c>manifest.json</c> files and never by path
/// conventions. Every month-to-date run carries all rows of its month so far, so per export
/// (<see cref="ExportManifest.ExportKey"/>) and billing month (<see cref="ExportManifest.Month"/>, from
/// <c>startDate</c>) only the latest run by <c>submittedTime</c> is imported (ties broken by run id, then manifest
/// path, so the choice never depends on listing order); a re-delivery (run B, days 1–20) replaces run A (days 1–10)
/// whole. A run whose <c>dataRowCount</c> is 0 is ignored, so an empty delivery never wipes a month; one whose
/// <c>dataRowCount</c> is null (newer manifests) is not. The chosen run's files are found with
/// <see cref="BlobPathResolver"/>; a file it lists that is not there refuses the selection, since importing part of a
/// run would undercount its month. A malformed manifest refuses it too (the latest run might be the one unreadable).
/// </summary>
public static class ExportRunSelector
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>Selects the runs to import from <paramref name="files"/>.</summary>
    public static async Task<ExportRunSelection> SelectAsync(IExportFiles files, CancellationToken ct)
    {
        var listing = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var path in files.ListAsync(ct)) listing.Add(path);

        var manifests = new List<(string Path, ExportManifest Manifest)>();
        foreach (var path in listing.Where(IsManifest).Order(StringComparer.Ordinal))
        {
            await using var stream = await files.OpenReadAsync(path, ct);
            manifests.Add((path, await ExportManifestParser.ParseAsync(stream, path, ct)));
        }

        var runs = new List<ExportRun>();
        var skipped = new List<SkippedExportRun>();
        foreach (var group in manifests.GroupBy(m => (m.Manifest.ExportKey, m.Manifest.Month)).OrderBy(g => g.Key.ExportKey, StringComparer.Ordinal).ThenBy(g => g.Key.Month))
        {
            ExportRun? chosen = null;
            foreach (var (path, manifest) in group
                         .OrderByDescending(m => m.Manifest.SubmittedTime)
                         .ThenByDescending(m => m.Manifest.RunId, StringComparer.Ordinal)
                         .ThenByDescending(m => m.Path, StringComparer.Ordinal))
            {
                if (chosen is not null)
                    skipped.Add(new(path, manifest, $"superseded by run {chosen.Manifest.RunId} submitted {chosen.Manifest.SubmittedTime.ToString("u", CultureInfo.InvariantCulture)} ({chosen.ManifestPath})"));
                else if (manifest.DataRowCount == 0)
                    skipped.Add(new(path, manifest, "dataRowCount is 0: an empty delivery, ignored so it does not empty the month"));
                else
                    runs.Add(chosen = new ExportRun(path, manifest, Resolve(path, manifest, listing)));
            }
        }
        return new ExportRunSelection(runs, skipped);
    }

    private static bool IsManifest(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return string.Equals(name, ManifestFileName, StringComparison.OrdinalIgnoreCase);
    }

    private static List<string> Resolve(string manifestPath, ExportManifest manifest, IReadOnlySet<string> listing)
    {
        var paths = new List<string>(manifest.Blobs.Count);
        for (var i = 0; i < manifest.Blobs.Count; i++)
        {
            var blobName = manifest.Blobs[i].BlobName;
            paths.Add(BlobPathResolver.Resolve(manifestPath, blobName, listing)
                ?? throw new ImportException(manifestPath, $"lists a data file that is not there: the run was not copied whole (copy it again, or remove its {ManifestFileName})",
                    column: $"blobs[{i}].blobName", value: blobName));
        }
        return paths;
    }
}
