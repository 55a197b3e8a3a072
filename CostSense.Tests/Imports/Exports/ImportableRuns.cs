using System.Globalization;
using System.IO.Compression;
using System.Text;
using CostSense.Tests.Imports.Manifests;

namespace CostSense.Tests.Imports.Exports;

/// <summary>
/// Export runs that import: Azure FocusCost 1.0 partitions (gzip'd CSV with the metadata file's header) beside their
/// manifest, built in memory so the same bytes go to a folder and to Azurite. Each run remembers the billed and effective
/// cost it carries, so tests compare the store with the data. Each export has its own subscription: two exports of the
/// same subscription would overlap, and that is refused.
/// </summary>
internal sealed class ImportableRuns
{
    private readonly Dictionary<string, decimal> _billed = new(StringComparer.Ordinal);

    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>The billed cost run <paramref name="runId"/> carries (effective is half of it).</summary>
    public decimal Billed(string runId) => _billed[runId];

    /// <summary>
    /// Adds a run of <paramref name="export"/> in October 2026 (or <paramref name="month"/>) covering days 1 to
    /// <paramref name="lastDay"/>, its days spread over <paramref name="parts"/> partitions; <paramref name="badPart"/>
    /// puts an unparseable BilledCost on line 3 of that partition.
    /// </summary>
    public void Run(string export, string runId, string submitted, int lastDay, int parts = 2, string? dataRowCount = "5120",
        string month = "2026-10", int? badPart = null, string subscription = "")
    {
        var range = month.Replace("-", "") + "01-" + month.Replace("-", "") + "28";
        var folder = $"exports/{export}/{range}/{runId}";
        var blobs = Enumerable.Range(1, parts).Select(p => $"{folder}/part_0_{p:0000}.csv.gz").ToArray();
        var header = GeneratedCsv.FocusCostHeader("FocusCost_1.0.json");
        var sub = subscription.Length > 0 ? subscription : "/subscriptions/sub-" + export;
        decimal billed = 0;
        for (var p = 0; p < parts; p++)
        {
            var rows = new List<Dictionary<string, string>>();
            for (var day = 1 + p; day <= lastDay; day += parts)
            {
                // A different amount each day and run, with 11 decimals as Azure writes them.
                var amount = decimal.Parse($"{day}.{runId.Length:00}{day:00}0000001", CultureInfo.InvariantCulture);
                billed += amount;
                rows.Add(Row($"{month}-{day:00}T00:00:00Z", amount, sub, rows.Count == 1 && p == badPart ? "12,5x" : null));
            }
            Files[blobs[p]] = Gzip(GeneratedCsv.Write(header, rows.ToArray()));
        }
        _billed[runId] = billed;
        Files[$"{folder}/manifest.json"] = Encoding.UTF8.GetBytes(ManifestFiles.Json(runId, submitted, $"{month}-01T00:00:00", $"{month}-{lastDay:00}T00:00:00Z", blobs, export, dataRowCount));
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

    private static Dictionary<string, string> Row(string at, decimal billed, string subscription, string? badBilled) => new()
    {
        ["ChargePeriodStart"] = at, ["ChargePeriodEnd"] = at,
        ["BilledCost"] = badBilled ?? billed.ToString(CultureInfo.InvariantCulture),
        ["EffectiveCost"] = (billed / 2).ToString(CultureInfo.InvariantCulture),
        ["BillingCurrency"] = "EUR", ["BillingAccountId"] = "/providers/Microsoft.Billing/billingAccounts/1",
        ["SubAccountId"] = subscription, ["SubAccountName"] = "Prod", ["ServiceName"] = "Virtual Machines",
        ["ServiceCategory"] = "Compute", ["RegionId"] = "westeurope", ["ChargeCategory"] = "Usage", ["ProviderName"] = "Microsoft",
        ["ResourceId"] = $"{subscription}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
        ["x_ResourceGroupName"] = "rg",
    };

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }
}
