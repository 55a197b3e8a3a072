namespace CostSense.Core.Imports.Manifests;

/// <summary>
/// The run chosen for one export and billing month: its manifest, where that manifest is, and its data files (listing
/// paths, in the manifest's order), to import together as the month's rows of that export.
/// </summary>
public sealed record ExportRun(string ManifestPath, ExportManifest Manifest, IReadOnlyList<string> DataFiles)
{
    /// <summary>The export the run belongs to (<see cref="ExportManifest.ExportKey"/>).</summary>
    public string ExportKey => Manifest.ExportKey;

    /// <summary>The billing month the run covers (<see cref="ExportManifest.Month"/>).</summary>
    public DateOnly Month => Manifest.Month;
}
