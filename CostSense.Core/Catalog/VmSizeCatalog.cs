using System.Globalization;
using System.Text.RegularExpressions;

namespace CostSense.Core.Catalog;

/// <summary>
/// VM sizes and their Linux pay-as-you-go prices (USD per hour) by region. The embedded table holds the
/// general-purpose, memory, compute and burstable families of Azure's Retail Prices API figures for five
/// US regions (from shared/data/azure_vm_prices.csv).
/// </summary>
public sealed partial class VmSizeCatalog
{
    private readonly Dictionary<(string Size, string Region), VmSize> _sizes;

    public VmSizeCatalog(IEnumerable<VmSize> sizes) =>
        _sizes = sizes.ToDictionary(s => (s.Name.ToLowerInvariant(), s.Region.ToLowerInvariant()));

    public IReadOnlyCollection<VmSize> All => _sizes.Values;

    public VmSize? Find(string size, string region) =>
        _sizes.GetValueOrDefault((size.ToLowerInvariant(), region.ToLowerInvariant()));

    public VmSize Get(string size, string region) =>
        Find(size, region) ?? throw new KeyNotFoundException($"The catalogue has no price for {size} in {region}.");

    /// <summary>Sizes of one family in one region, smallest first.</summary>
    public IEnumerable<VmSize> Family(string family, string region) =>
        _sizes.Values.Where(s => s.Family == family && s.Region.Equals(region, StringComparison.OrdinalIgnoreCase))
            .OrderBy(s => s.VCpus).ThenBy(s => s.MemoryGiB);

    /// <summary>"Standard_D4s_v3" → "Dsv3", "Standard_B2ms" → "B", "Standard_F8s_v2" → "Fsv2".</summary>
    public static string FamilyOf(string size)
    {
        var m = SizeName().Match(size);
        if (!m.Success) return size;
        var letters = m.Groups["series"].Value;
        return letters == "B" ? "B" : letters + m.Groups["features"].Value + m.Groups["version"].Value.TrimStart('_');
    }

    public static VmSizeCatalog LoadEmbedded()
    {
        using var stream = typeof(VmSizeCatalog).Assembly.GetManifestResourceStream("CostSense.Core.Catalog.vm-prices.csv")
            ?? throw new InvalidOperationException("The embedded VM price table is missing from CostSense.Core.");
        using var reader = new StreamReader(stream);
        return new VmSizeCatalog(Parse(reader));
    }

    /// <summary>Reads Size,Region,vCPUs,MemoryGiB,LinuxPayAsYouGoUsdPerHour[,...].</summary>
    internal static IEnumerable<VmSize> Parse(TextReader reader)
    {
        _ = reader.ReadLine();
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0) continue;
            var f = text.Split(',');
            if (f.Length < 5) throw new FormatException($"VM price table line {line}: expected 5 columns, found {f.Length}.");
            yield return new VmSize(f[0], f[1], FamilyOf(f[0]),
                int.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture),
                decimal.Parse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"^(?:Standard_|Basic_)?(?<series>[A-Z]+)(?<size>\d+)(?<features>[a-z]*)(?<version>_v\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex SizeName();
}
