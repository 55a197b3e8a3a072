namespace CostSense.Core.Imports.Manifests;

/// <summary>
/// One data file of an export run, as its <c>manifest.json</c> lists it. <see cref="BlobName"/> is the blob's path
/// relative to the storage container (it starts with the export's <c>rootFolderPath</c>).
/// </summary>
public sealed record ExportManifestBlob(string BlobName, long? ByteCount, long? DataRowCount);
