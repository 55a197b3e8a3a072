using System.Globalization;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Imports.Formats;
using CostSense.Core.Imports.Manifests;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Imports.Exports;

/// <summary>
/// Imports the export runs of a folder or a storage container (<see cref="IExportFiles"/>), by manifest: the run
/// <see cref="ExportRunSelector"/> chooses per export and month is imported as one transaction with its files' rows in
/// the export's own store source (<see cref="ImportFile.ExportKey"/>), so a later run of the month replaces an earlier
/// one whole and an overlapping export is refused. A run is imported once: when a run of the same export and month with
/// the same or a later submitted time was imported already (<see cref="ExportRunImport"/>), it is skipped, so reading
/// the container again (the schedule, "Import now") costs a listing and writes nothing, and an older run never replaces
/// a newer one. A refused run (a bad row, an overlap) is recorded with its message and the others go on; it is tried
/// again on the next read, so undoing the overlapping import and reading again imports it.
/// <para>
/// Every run processed leaves a row: Imported with its rows, Skipped with the reason (an empty delivery, superseded, older
/// than the run imported), Refused with the message. A run that is skipped or refused again for the same outcome updates
/// its row instead of adding one, and a run found imported already adds nothing (its Imported row says so), so a schedule
/// reading every few minutes does not grow the table; the results still list every run.
/// </para>
/// </summary>
public sealed class ExportRunImporter(CostImporter importer, CurrentPermissions permissions, IDbContextFactory<CostSenseDbContext> dbFactory, TimeProvider time)
{
    /// <summary>
    /// Selects and imports the runs in <paramref name="files"/> for <paramref name="actor"/> (who needs
    /// <see cref="Permission.ManageData"/>); <paramref name="processedBy"/> is recorded with each run ("schedule", a
    /// user's name, "cli:…"), the actor's name when null. Returns one result per run, chosen runs first.
    /// </summary>
    /// <exception cref="ImportException">A manifest is malformed or a chosen run's file is missing: nothing was imported.</exception>
    /// <exception cref="AccessDeniedException">The actor may not import.</exception>
    public async Task<IReadOnlyList<ExportRunResult>> ImportAsync(Actor actor, IExportFiles files, string? processedBy,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageData, ct);
        processedBy ??= actor.Name;
        var selection = await ExportRunSelector.SelectAsync(files, ct);
        var results = new List<ExportRunResult>();
        foreach (var run in selection.Runs)
        {
            ct.ThrowIfCancellationRequested();
            var (result, record) = await ImportRunAsync(actor, files, run, progress, ct);
            if (record) await RecordAsync(result, processedBy, ct);
            results.Add(result);
        }
        foreach (var skipped in selection.Skipped)
        {
            var result = Result(skipped.ManifestPath, skipped.Manifest, ExportRunOutcome.Skipped, 0, skipped.Reason, []);
            await RecordAsync(result, processedBy, ct);
            results.Add(result);
        }
        return results;
    }

    /// <returns>The result, and whether to record it (not when the very run was imported already: its row says so).</returns>
    private async Task<(ExportRunResult Result, bool Record)> ImportRunAsync(Actor actor, IExportFiles files, ExportRun run, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var manifest = run.Manifest;
        if (await LatestImportedAsync(run.ExportKey, run.Month, ct) is { } imported && imported.SubmittedTime >= manifest.SubmittedTime)
        {
            var reason = imported.RunId == manifest.RunId
                ? $"already imported on {Utc(imported.ProcessedAt)}"
                : $"older than run {imported.RunId} submitted {Utc(imported.SubmittedTime)}, imported already";
            return (Result(run.ManifestPath, manifest, ExportRunOutcome.Skipped, 0, reason, []), imported.RunId != manifest.RunId);
        }

        var hint = new FormatHint(manifest.Type, manifest.DataVersion);
        var importFiles = run.DataFiles
            .Select(path => new ImportFile(path, c => files.OpenReadAsync(path, c), hint, run.ExportKey))
            .ToList();
        try
        {
            var summaries = await importer.ImportRunAsync(actor, importFiles, progress, ct);
            var rows = summaries.Sum(s => s.Rows);
            return (Result(run.ManifestPath, manifest, ExportRunOutcome.Imported, rows, Describe(summaries), summaries), true);
        }
        catch (ImportException e)
        {
            return (Result(run.ManifestPath, manifest, ExportRunOutcome.Refused, 0, e.Message, []), true);
        }
    }

    /// <summary>The run of this export and month imported with the latest submitted time, if any.</summary>
    private async Task<ExportRunImport?> LatestImportedAsync(string exportKey, DateOnly month, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Compared here, not in SQL: SQLite cannot order DateTimeOffset values. An export has a few runs a month.
        var imported = await db.ExportRunImports.AsNoTracking()
            .Where(r => r.ExportKey == exportKey && r.Month == month && r.Outcome == ExportRunOutcome.Imported)
            .ToListAsync(ct);
        return imported.MaxBy(r => r.SubmittedTime);
    }

    private async Task RecordAsync(ExportRunResult result, string processedBy, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = result.Outcome == ExportRunOutcome.Imported ? null : await db.ExportRunImports
            .Where(r => r.ExportKey == result.ExportKey && r.Month == result.Month && r.RunId == result.RunId && r.Outcome == result.Outcome)
            .OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            row = new ExportRunImport { ExportKey = result.ExportKey, RunId = result.RunId, ManifestPath = result.ManifestPath };
            db.ExportRunImports.Add(row);
        }
        row.Month = result.Month;
        row.ManifestPath = Truncate(result.ManifestPath, 1024);
        row.SubmittedTime = result.SubmittedTime;
        row.Dataset = result.Dataset;
        row.Outcome = result.Outcome;
        row.Rows = result.Rows;
        row.Message = Truncate(result.Message, 4000);
        row.ProcessedAt = time.GetUtcNow();
        row.ProcessedBy = processedBy;
        await db.SaveChangesAsync(ct);
    }

    private static ExportRunResult Result(string manifestPath, ExportManifest manifest, ExportRunOutcome outcome, long rows, string message,
        IReadOnlyList<FileImportSummary> files) =>
        new(manifest.ExportKey, manifest.Month, manifest.RunId, manifest.SubmittedTime, manifestPath,
            string.Join(' ', new[] { manifest.Type, manifest.DataVersion }.Where(s => !string.IsNullOrEmpty(s))),
            outcome, rows, message, files);

    private static string Describe(IReadOnlyList<FileImportSummary> summaries) => $"{summaries.Count} file(s), {ImportSummaryText.Of(summaries)}";

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
