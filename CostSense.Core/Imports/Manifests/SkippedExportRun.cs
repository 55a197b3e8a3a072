namespace CostSense.Core.Imports.Manifests;

/// <summary>A run that is not imported, and why (a later run of the same export and month, or no rows), for the summary.</summary>
public sealed record SkippedExportRun(string ManifestPath, ExportManifest Manifest, string Reason);
