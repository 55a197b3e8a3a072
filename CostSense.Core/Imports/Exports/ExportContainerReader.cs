using System.ComponentModel.DataAnnotations;
using CostSense.Core.Access;
using CostSense.Core.Imports.Blobs;
using CostSense.Core.Imports.Manifests;
using CostSense.Core.Leases;
using Microsoft.Extensions.Logging;

namespace CostSense.Core.Imports.Exports;

/// <summary>
/// Reads the export container (<see cref="ExportContainerSettingsStore"/>'s settings) and imports its new runs
/// (<see cref="ExportRunImporter"/>), for the schedule and for "Import now": one read at a time, the other waits for it
/// (and then finds the runs imported), so two reads never import the same run twice: within the process a semaphore,
/// across instances the <see cref="JobNames.ExportRead"/> lease. Failures a user can fix come back as
/// <see cref="ExportContainerRead.Error"/>, never as an exception; the SDK's own exception goes to the log.
/// </summary>
public sealed class ExportContainerReader(ExportContainerSettingsStore settings, ExportRunImporter importer, JobLeases leases, TimeProvider time,
    ILogger<ExportContainerReader> log) : IDisposable
{
    private readonly SemaphoreSlim _oneRead = new(1, 1);

    /// <summary>The last read's outcome since the app started (null before the first).</summary>
    public ExportContainerRead? LastRead { get; private set; }

    /// <summary>
    /// Reads the container with the settings in force and imports what is new, for <paramref name="actor"/> (who needs
    /// <see cref="Permission.ManageData"/>); <paramref name="processedBy"/> is recorded with each run. The schedule
    /// reads only when the settings are enabled; "Import now" reads complete settings either way.
    /// </summary>
    /// <exception cref="AccessDeniedException">The actor may not import.</exception>
    public async Task<ExportContainerRead> ReadAsync(Actor actor, string processedBy, CancellationToken ct)
    {
        await _oneRead.WaitAsync(ct);
        try
        {
            await using var lease = await leases.ClaimAsync(JobNames.ExportRead, ct);
            var read = await ReadLockedAsync(actor, processedBy, ct);
            LastRead = read;
            return read;
        }
        finally
        {
            _oneRead.Release();
        }
    }

    /// <summary>
    /// Lists <paramref name="options"/>' container (under its folder) and says what is there, or what is wrong: for the
    /// settings page's "Test connection", before saving.
    /// </summary>
    public async Task<(bool Ok, string Message)> TestAsync(ExportContainerOptions options, CancellationToken ct)
    {
        try
        {
            ExportContainerSettingsStore.Check(options);
            var files = new BlobExportFiles(options);
            int count = 0, manifests = 0;
            await foreach (var path in files.ListAsync(ct))
            {
                count++;
                if (path.EndsWith("/" + ExportRunSelector.ManifestFileName, StringComparison.OrdinalIgnoreCase) || path.Equals(ExportRunSelector.ManifestFileName, StringComparison.OrdinalIgnoreCase))
                    manifests++;
            }
            var where = string.IsNullOrEmpty(options.Folder) ? $"container '{options.Container}'" : $"folder '{options.Folder}' of container '{options.Container}'";
            return (true, $"Connected: {count:N0} files in the {where}, {manifests:N0} of them export run manifests ({ExportRunSelector.ManifestFileName}).");
        }
        catch (Exception e) when (e is ExportContainerException or ValidationException or FormatException or ArgumentException)
        {
            log.LogWarning(e, "Export container connection test failed");
            return (false, e is FormatException or ArgumentException ? "The connection string is not a storage connection string: " + e.Message : e.Message);
        }
    }

    private async Task<ExportContainerRead> ReadLockedAsync(Actor actor, string processedBy, CancellationToken ct)
    {
        var setup = await settings.GetAsync(ct);
        if (setup.Problem is { } problem) return Failed(problem);
        try
        {
            ExportContainerSettingsStore.Check(setup.Options);
            var runs = await importer.ImportAsync(actor, new BlobExportFiles(setup.Options), processedBy, null, ct);
            log.LogInformation("Export container read by {By}: {Imported} runs imported, {Skipped} skipped, {Refused} refused", processedBy,
                runs.Count(r => r.Outcome == Data.Entities.ExportRunOutcome.Imported), runs.Count(r => r.Outcome == Data.Entities.ExportRunOutcome.Skipped),
                runs.Count(r => r.Outcome == Data.Entities.ExportRunOutcome.Refused));
            return new ExportContainerRead(time.GetUtcNow(), runs, null);
        }
        catch (Exception e) when (e is ExportContainerException or ImportException or ValidationException or FormatException or ArgumentException)
        {
            log.LogWarning(e, "Export container read by {By} failed", processedBy);
            return Failed(e is FormatException or ArgumentException ? "The connection string is not a storage connection string: " + e.Message : e.Message);
        }
    }

    private ExportContainerRead Failed(string error) => new(time.GetUtcNow(), [], error);

    public void Dispose() => _oneRead.Dispose();
}
