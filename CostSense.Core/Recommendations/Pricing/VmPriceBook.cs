using System.Collections.Concurrent;
using CostSense.Core.Catalog;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Recommendations.Pricing;

/// <summary>
/// The VM prices one recompute judges against: the Azure retail prices the prices sync stored (pay-as-you-go, Spot,
/// reservations, savings plans) over the shipped catalogue (<see cref="VmSizeCatalog"/>, the offline default). Sizes keep the
/// catalogue's shapes (vCPUs, memory); a region with synced pay-as-you-go prices is priced from them alone, so one
/// comparison never mixes a live price with a catalogue one, and a size Azure does not sell in that region is not proposed.
/// Built once per recompute (<see cref="LoadAsync"/>): a sync's new prices count from the next recompute on.
/// </summary>
public sealed class VmPriceBook
{
    private readonly VmSizeCatalog _catalog;
    private readonly Dictionary<(string Size, string Region, RetailPriceKind Kind), RetailPrice> _prices;
    private readonly Dictionary<string, VmSize> _shapes;
    private readonly HashSet<string> _syncedRegions;
    private readonly ConcurrentDictionary<(string Family, string Region), VmSize[]> _families = new();

    /// <param name="costCurrency">The currency of the store's costs, or null when they are in several (or none is known).</param>
    public VmPriceBook(VmSizeCatalog catalog, IEnumerable<RetailPrice> prices, string? costCurrency)
    {
        _catalog = catalog;
        CostCurrency = costCurrency;
        _prices = prices.ToDictionary(p => (Key(p.ArmSkuName), Key(p.Region), p.Kind));
        // A size's shape does not depend on the region: the first catalogue entry of each name gives it.
        _shapes = catalog.All.GroupBy(s => Key(s.Name)).ToDictionary(g => g.Key, g => g.First());
        _syncedRegions = _prices.Keys.Where(k => k.Kind == RetailPriceKind.PayAsYouGoLinux && _shapes.ContainsKey(k.Size))
            .Select(k => k.Region).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The catalogue alone: what the rules use without a store (rule tests) or before any prices sync.</summary>
    public static VmPriceBook Offline(VmSizeCatalog catalog) => new(catalog, [], "USD");

    /// <summary>The costs' currency (one for the whole store), or null when the store holds several.</summary>
    public string? CostCurrency { get; }

    /// <summary>The stored retail prices and the currency of the store's costs.</summary>
    public static async Task<VmPriceBook> LoadAsync(CostSenseDbContext db, VmSizeCatalog catalog, CancellationToken ct)
    {
        var prices = await db.RetailPrices.AsNoTracking().ToListAsync(ct);
        var currencies = await db.DailyCostRollups.Select(r => r.BillingCurrency).Distinct().ToListAsync(ct);
        var distinct = currencies.Select(c => c.ToUpperInvariant()).Distinct().ToList();
        // No costs at all: nothing to compare a price with, the catalogue's USD is as good as any.
        var currency = distinct.Count switch { 0 => "USD", 1 => distinct[0], _ => null };
        return new VmPriceBook(catalog, prices, currency);
    }

    /// <summary>True when the region's sizes are priced from synced Azure retail prices rather than the catalogue.</summary>
    public bool IsSynced(string region) => _syncedRegions.Contains(Key(region));

    /// <summary>Where <see cref="Find"/>'s prices come from, for a rationale.</summary>
    public string SourceOf(string region) => IsSynced(region) ? "Azure retail price" : "list price";

    /// <summary>A size in a region with its Linux pay-as-you-go price per hour, or null when it has none there.</summary>
    public VmSize? Find(string size, string region)
    {
        if (!IsSynced(region)) return _catalog.Find(size, region);
        return _shapes.TryGetValue(Key(size), out var shape) && Price(size, region, RetailPriceKind.PayAsYouGoLinux) is { } p
            ? shape with { Region = Key(region), HourlyPrice = p.HourlyPrice }
            : null;
    }

    /// <summary>
    /// Sizes of one family in one region with their Linux pay-as-you-go prices, smallest first. Listed once per family and
    /// region name (the right-size and commitment rules ask for every VM, from several threads at once), not once a VM.
    /// </summary>
    public IEnumerable<VmSize> Family(string family, string region) =>
        _families.GetOrAdd((family, region), key => ListFamily(key.Family, key.Region).ToArray());

    private IEnumerable<VmSize> ListFamily(string family, string region)
    {
        if (!IsSynced(region)) return _catalog.Family(family, region);
        return _shapes.Values.Where(s => s.Family == family)
            .Select(s => Find(s.Name, region)).OfType<VmSize>()
            .OrderBy(s => s.VCpus).ThenBy(s => s.MemoryGiB);
    }

    /// <summary>A stored retail price (per hour) of a size in a region, or null.</summary>
    public RetailPrice? Price(string size, string region, RetailPriceKind kind) =>
        _prices.GetValueOrDefault((Key(size), Key(region), kind));

    private static string Key(string s) => s.ToLowerInvariant();
}
