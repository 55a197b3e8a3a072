using System.Text;
using CostSense.Core.Imports.Manifests;

namespace CostSense.Tests.Imports.Manifests;

/// <summary>Builds manifests in the real shape, and folder trees of export runs as azcopy leaves them.</summary>
internal static class ManifestFiles
{
    public const string Sub = "/subscriptions/00000000-0000-0000-0000-000000000001";

    /// <param name="dataRowCount">The JSON text of dataRowCount ("5120", "0", "null"), or null to leave it out.</param>
    public static string Json(string runId, string submitted, string start, string end, string[] blobs,
        string exportName = "daily", string? dataRowCount = "5120", string? resourceId = null) =>
        $$"""
        {"exportConfig":{"exportName":"{{exportName}}","resourceId":"{{resourceId ?? Sub + "/providers/Microsoft.CostManagement/exports/" + exportName}}","dataVersion":"1.0r2","apiVersion":"2023-07-01-preview","type":"FocusCost","timeFrame":"MonthToDate","granularity":"Daily"},
         "deliveryConfig":{"partitionData":true,"dataOverwriteBehavior":"OverwritePreviousReport","fileFormat":"Csv","containerUri":"{{Sub}}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/costs","rootFolderPath":"exports"},
         "runInfo":{"executionType":"Scheduled","submittedTime":"{{submitted}}","runId":"{{runId}}","startDate":"{{start}}","endDate":"{{end}}"},
         "blobCount":{{blobs.Length}},{{(dataRowCount is null ? "" : $"\"dataRowCount\":{dataRowCount},")}}"byteCount":81234,
         "blobs":[{{string.Join(",", blobs.Select(b => $$"""{"blobName":"{{b}}","byteCount":40617,"dataRowCount":2560}"""))}}]}
        """;

    public static Task<ExportManifest> ParseAsync(string json, string fileName = "manifest.json") =>
        ExportManifestParser.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), fileName, TestContext.Current.CancellationToken);
}

/// <summary>A temporary folder, deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("costsense-runs-").FullName;

    /// <summary>Writes a file at a '/'-separated path under the root.</summary>
    public void Write(string path, string content)
    {
        var full = Path.Combine(Root, path.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    /// <summary>
    /// Writes one run of export <paramref name="export"/> the way Azure lays it out in the container (under
    /// <paramref name="containerFolder"/> of the listing): the manifest beside its data files. Returns the blob names.
    /// </summary>
    public string[] Run(string containerFolder, string export, string range, string runId, string submitted, string start, string end,
        int parts = 2, string? dataRowCount = "5120")
    {
        var folder = $"exports/{export}/{range}/{runId}";
        var blobs = Enumerable.Range(1, parts).Select(p => $"{folder}/part_0_{p:0000}.csv.gz").ToArray();
        var prefix = containerFolder.Length == 0 ? "" : containerFolder + "/";
        foreach (var blob in blobs) Write(prefix + blob, runId);
        Write($"{prefix}{folder}/manifest.json", ManifestFiles.Json(runId, submitted, start, end, blobs, export, dataRowCount));
        return blobs;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
