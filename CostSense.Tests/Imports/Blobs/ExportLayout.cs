using System.IO.Compression;
using System.Text;
using CostSense.Tests.Imports.Manifests;

namespace CostSense.Tests.Imports.Blobs;

/// <summary>
/// An export container's files as Azure writes them (manifest beside gzip'd FOCUS CSV partitions), built in memory
/// so the same bytes go to a folder and to Azurite.
/// </summary>
internal sealed class ExportLayout
{
    private static readonly string[] Header = ["BilledCost", "BillingCurrency", "ChargePeriodStart", "ChargePeriodEnd", "ServiceName", "ResourceId"];

    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds one run under <paramref name="root"/> (a folder in the container, or ""); returns its blob names.</summary>
    public string[] Run(string root, string export, string range, string runId, string submitted, string start, string end,
        int parts, string? dataRowCount = "5120")
    {
        var folder = $"exports/{export}/{range}/{runId}";
        var blobs = Enumerable.Range(1, parts).Select(p => $"{folder}/part_0_{p:0000}.csv.gz").ToArray();
        var prefix = root.Length == 0 ? "" : root + "/";
        for (var p = 0; p < parts; p++)
            Files[prefix + blobs[p]] = Gzip(Csv(runId, p, start));
        Files[$"{prefix}{folder}/manifest.json"] = Encoding.UTF8.GetBytes(ManifestFiles.Json(runId, submitted, start, end, blobs, export, dataRowCount));
        return blobs;
    }

    public void WriteTo(string folder)
    {
        foreach (var (path, bytes) in Files)
        {
            var full = Path.Combine(folder, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }
    }

    private static string Csv(string runId, int part, string start)
    {
        var day = DateOnly.FromDateTime(DateTime.Parse(start[..10], System.Globalization.CultureInfo.InvariantCulture));
        var rows = Enumerable.Range(0, 3).Select(i => new Dictionary<string, string>
        {
            ["BilledCost"] = $"{part + 1}.{i}5",
            ["BillingCurrency"] = "EUR",
            ["ChargePeriodStart"] = day.AddDays(i).ToString("yyyy-MM-dd") + "T00:00:00Z",
            ["ChargePeriodEnd"] = day.AddDays(i + 1).ToString("yyyy-MM-dd") + "T00:00:00Z",
            ["ServiceName"] = "Virtual Machines",
            ["ResourceId"] = $"/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/{runId}-vm{part}",
        }).ToArray();
        return GeneratedCsv.Write(Header, rows);
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }
}
