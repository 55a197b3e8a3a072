using System.Globalization;
using System.Text.Json;

namespace CostSense.Core.Imports.Manifests;

/// <summary>
/// Reads an Azure Cost Management export's <c>manifest.json</c> into an <see cref="ExportManifest"/>. Property names
/// are matched case-insensitively. Required: <c>exportConfig.exportName</c> and <c>.type</c>, <c>runInfo.runId</c>,
/// <c>.submittedTime</c>, <c>.startDate</c>, <c>.endDate</c>, and <c>blobs</c> with each blob's <c>blobName</c>; a
/// date with no zone (<c>2026-10-01T00:00:00</c>, as <c>startDate</c> often is) is UTC, like one with <c>Z</c>.
/// <c>dataRowCount</c> may be missing or null; <c>blobCount</c>, when present, must equal the blobs listed. Anything
/// else malformed is an <see cref="ImportException"/> whose <see cref="ImportException.Column"/> names the field.
/// </summary>
public static class ExportManifestParser
{
    /// <summary>Parses a manifest; <paramref name="fileName"/> (its path) is for messages.</summary>
    public static async Task<ExportManifest> ParseAsync(Stream json, string fileName, CancellationToken ct)
    {
        JsonDocument doc;
        try { doc = await JsonDocument.ParseAsync(json, default, ct); }
        catch (JsonException e) { throw new ImportException(fileName, "is not a valid manifest (not JSON): " + e.Message); }
        using (doc) return Parse(doc.RootElement, fileName);
    }

    private static ExportManifest Parse(JsonElement root, string file)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new ImportException(file, "is not a valid manifest: the JSON is not an object");
        var config = Object(root, "exportConfig", file, "exportConfig");
        var delivery = Optional(root, "deliveryConfig") is { ValueKind: JsonValueKind.Object } d ? d : (JsonElement?)null;
        var run = Object(root, "runInfo", file, "runInfo");

        var blobsElement = Get(root, "blobs");
        if (blobsElement is not { ValueKind: JsonValueKind.Array } blobsArray) throw Field(file, "blobs", "is missing or not an array", blobsElement);
        var blobs = new List<ExportManifestBlob>();
        var i = 0;
        foreach (var blob in blobsArray.EnumerateArray())
        {
            var path = $"blobs[{i++}]";
            if (blob.ValueKind != JsonValueKind.Object) throw Field(file, path, "is not an object", blob);
            blobs.Add(new ExportManifestBlob(
                RequiredString(blob, "blobName", file, path + ".blobName"),
                Long(blob, "byteCount", file, path + ".byteCount"),
                Long(blob, "dataRowCount", file, path + ".dataRowCount")));
        }
        var blobCount = Long(root, "blobCount", file, "blobCount") ?? blobs.Count;
        if (blobCount != blobs.Count)
            throw new ImportException(file, $"is not a valid manifest: blobCount says {blobCount} but blobs lists {blobs.Count}", column: "blobCount", value: blobCount.ToString(CultureInfo.InvariantCulture));

        return new ExportManifest(
            ExportName: RequiredString(config, "exportName", file, "exportConfig.exportName"),
            ResourceId: OptionalString(config, "resourceId", file, "exportConfig.resourceId"),
            DataVersion: OptionalString(config, "dataVersion", file, "exportConfig.dataVersion"),
            Type: RequiredString(config, "type", file, "exportConfig.type"),
            TimeFrame: OptionalString(config, "timeFrame", file, "exportConfig.timeFrame"),
            Granularity: OptionalString(config, "granularity", file, "exportConfig.granularity"),
            FileFormat: delivery is { } fd ? OptionalString(fd, "fileFormat", file, "deliveryConfig.fileFormat") : null,
            RootFolderPath: delivery is { } rd ? OptionalString(rd, "rootFolderPath", file, "deliveryConfig.rootFolderPath") : null,
            RunId: RequiredString(run, "runId", file, "runInfo.runId"),
            SubmittedTime: Date(run, "submittedTime", file, "runInfo.submittedTime"),
            StartDate: Date(run, "startDate", file, "runInfo.startDate"),
            EndDate: Date(run, "endDate", file, "runInfo.endDate"),
            BlobCount: (int)blobCount,
            DataRowCount: Long(root, "dataRowCount", file, "dataRowCount"),
            ByteCount: Long(root, "byteCount", file, "byteCount"),
            Blobs: blobs);
    }

    private static JsonElement? Get(JsonElement obj, string name)
    {
        foreach (var p in obj.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }

    private static JsonElement? Optional(JsonElement obj, string name) => Get(obj, name) is { ValueKind: not JsonValueKind.Null } v ? v : null;

    private static JsonElement Object(JsonElement obj, string name, string file, string path) =>
        Get(obj, name) is { ValueKind: JsonValueKind.Object } o ? o : throw Field(file, path, "is missing or not an object", Get(obj, name));

    private static string RequiredString(JsonElement obj, string name, string file, string path) =>
        OptionalString(obj, name, file, path) is { Length: > 0 } s ? s : throw Field(file, path, "is missing or empty", Get(obj, name));

    private static string? OptionalString(JsonElement obj, string name, string file, string path) => Optional(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        var other => throw Field(file, path, "is not a string", other),
    };

    private static long? Long(JsonElement obj, string name, string file, string path) => Optional(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var v) && v >= 0 => v,
        var other => throw Field(file, path, "is not a whole number of 0 or more", other),
    };

    private static DateTimeOffset Date(JsonElement obj, string name, string file, string path)
    {
        var text = RequiredString(obj, name, file, path);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) && text.Contains('-')
            ? d.ToUniversalTime()
            : throw Field(file, path, "is not a date and time", Get(obj, name));
    }

    private static ImportException Field(string file, string path, string problem, JsonElement? value) =>
        new(file, $"is not a valid manifest: {path} {problem}", column: path, value: value?.ToString());
}
