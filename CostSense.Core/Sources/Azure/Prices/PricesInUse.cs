using CostSense.Core.Catalog;
using CostSense.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Sources.Azure.Prices;

/// <summary>
/// Which sizes and regions to price: every region with a VM in the store (Azure's inventory first, then the busiest), and in
/// each the VMs' own sizes plus the sizes the right-size and scale-up rules could pick there — the catalogue's sizes of the
/// same families, and the burstable B family. Few queries: one per region and <see cref="SizesPerQuery"/> sizes, at most
/// <see cref="MaxQueries"/> in all (regions past that are left out and named in the step's summary).
/// </summary>
internal static class PricesInUse
{
    public const int SizesPerQuery = 15;
    public const int MaxQueries = 60;

    public sealed record Plan(IReadOnlyList<RetailPriceQuery> Queries, IReadOnlyList<string> RegionsLeftOut);

    public static async Task<Plan> ReadAsync(CostSenseDbContext db, VmSizeCatalog catalog, CancellationToken ct)
    {
        var vms = await db.VirtualMachines.AsNoTracking().Select(v => new { v.Source, v.Region, v.Size }).ToListAsync(ct);
        var names = catalog.All.GroupBy(s => s.Name.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First());
        var regions = vms.GroupBy(v => Region(v.Region))
            .Where(g => g.Key.Length > 0)
            .OrderByDescending(g => g.Any(v => v.Source == AzureSources.Inventory)).ThenByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

        var queries = new List<RetailPriceQuery>();
        var leftOut = new List<string>();
        foreach (var region in regions)
        {
            var sizes = new SortedSet<string>(StringComparer.Ordinal);
            var families = new HashSet<string>(StringComparer.Ordinal);
            foreach (var vm in region)
            {
                if (string.IsNullOrWhiteSpace(vm.Size)) continue;
                // The API's values are case-sensitive: the catalogue's spelling when it knows the size, the VM's otherwise.
                var known = names.GetValueOrDefault(vm.Size.Trim().ToLowerInvariant());
                sizes.Add(known?.Name ?? vm.Size.Trim());
                if (known is not null) families.Add(known.Family);
            }
            if (families.Count > 0) families.Add("B"); // right-size may move any family to a burstable size
            foreach (var size in names.Values.Where(s => families.Contains(s.Family))) sizes.Add(size.Name);

            var chunks = sizes.Chunk(SizesPerQuery).Select(c => new RetailPriceQuery(region.Key, c)).ToList();
            if (queries.Count + chunks.Count > MaxQueries)
            {
                leftOut.Add(region.Key);
                continue;
            }
            queries.AddRange(chunks);
        }
        return new Plan(queries, leftOut);
    }

    /// <summary>"East US" or "eastus" → "eastus", as <c>armRegionName</c>.</summary>
    private static string Region(string region) => region.Replace(" ", "", StringComparison.Ordinal).Trim().ToLowerInvariant();
}
