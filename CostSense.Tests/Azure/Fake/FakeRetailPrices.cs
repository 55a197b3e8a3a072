using System.Text.RegularExpressions;
using CostSense.Core.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CostSense.Tests.Azure.Fake;

/// <summary>A savings plan price on a consumption item (2023-01-01-preview): hourly, for "1 Year" or "3 Years".</summary>
public sealed record FakeSavingsPlan(decimal RetailPrice, string Term);

/// <summary>
/// One item of the Retail Prices API as a test wants it: <paramref name="Type"/> "Consumption", "Reservation" or
/// "DevTestConsumption"; a reservation's <paramref name="RetailPrice"/> is the whole term's, as Azure gives it.
/// </summary>
public sealed record FakeRetailPrice(string ArmSkuName, string Region, string Type, decimal RetailPrice, string ProductName, string SkuName,
    string MeterId, string? ReservationTerm = null, IReadOnlyList<FakeSavingsPlan>? SavingsPlan = null, string EffectiveStartDate = "2024-03-01T00:00:00Z",
    string Currency = "USD");

/// <summary>What the fake does wrong, set by a test between syncs.</summary>
public sealed class FakeRetailPricesFaults
{
    /// <summary>The <c>$skip</c> of the page that fails (0: the first page); null: none fails.</summary>
    public int? FailAtSkip { get; set; }

    /// <summary>True: the connection is dropped (a network error); false: a 500.</summary>
    public bool DropConnection { get; set; }
}

/// <summary>
/// The Azure Retail Prices API (<c>GET /retail/api/retail/prices</c>) in its real shape: <c>BillingCurrency</c>,
/// <c>CustomerEntityId</c>, <c>CustomerEntityType</c>, <c>Items</c> (camelCase keys as Azure writes them, <c>savingsPlan</c>
/// only where given), <c>NextPageLink</c> (the same query with <c>$skip</c>, null on the last page) and <c>Count</c> (items on
/// the page). The <c>$filter</c> is honoured for <c>serviceName</c>, <c>armRegionName</c> and any number of
/// <c>armSkuName eq '…'</c>, case-sensitively as the 2023-01-01-preview API does.
/// </summary>
public static partial class FakeRetailPrices
{
    public const string Path = "/retail/api/retail/prices";

    public static void Map(IEndpointRouteBuilder app, IReadOnlyList<FakeRetailPrice> items, int pageSize = 5, FakeRetailPricesFaults? faults = null) =>
        app.MapGet(Path, async context =>
        {
            var skip = int.TryParse(context.Request.Query["$skip"], out var s) ? s : 0;
            if (faults?.FailAtSkip == skip)
            {
                if (faults.DropConnection)
                {
                    context.Abort();
                    return;
                }
                await FakeAzureServer.Json(context, new { Error = new { Code = "InternalServerError", Message = "The fake Retail Prices API failed." } }, 500);
                return;
            }
            var matching = Matching(items, context.Request.Query["$filter"].ToString());
            var page = matching.Skip(skip).Take(pageSize).Select(Shape).ToList();
            string? next = null;
            if (skip + pageSize < matching.Count)
            {
                var query = QueryString.Create(context.Request.Query.Where(q => q.Key != "$skip")
                    .Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString()))
                    .Append(KeyValuePair.Create("$skip", (string?)(skip + pageSize).ToString())));
                next = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{query}";
            }
            await FakeAzureServer.Json(context, new Dictionary<string, object?>
            {
                ["BillingCurrency"] = "USD",
                ["CustomerEntityId"] = "Default",
                ["CustomerEntityType"] = "Retail",
                ["Items"] = page,
                ["NextPageLink"] = next,
                ["Count"] = page.Count,
            });
        });

    /// <summary>Priced from the shipped catalogue: every size of the families the tenant's VMs use (and B), in their regions.</summary>
    public static void Map(IEndpointRouteBuilder app, FakeTenant tenant, int pageSize = 100)
    {
        var catalog = VmSizeCatalog.LoadEmbedded();
        var families = tenant.Vms.Select(v => VmSizeCatalog.FamilyOf(v.Size)).Append("B").ToHashSet();
        var items = tenant.Vms.Select(v => v.Region.ToLowerInvariant()).Distinct()
            .SelectMany(region => catalog.All.Where(s => families.Contains(s.Family)).GroupBy(s => s.Name)
                .SelectMany(g => ForSize(g.Key, region, g.First().HourlyPrice)))
            .ToList();
        Map(app, items, pageSize);
    }

    /// <summary>
    /// The items Azure lists for one VM size in one region, shaped like the real ones: Linux and Windows pay-as-you-go (the
    /// Linux one with its savings plans), Spot and Low Priority of both, Dev/Test, and 1- and 3-year reservations (whole-term
    /// prices). Windows adds <paramref name="windowsLicencePerHour"/>; the others are fractions of the Linux price.
    /// </summary>
    public static IReadOnlyList<FakeRetailPrice> ForSize(string size, string region, decimal linuxPerHour, decimal windowsLicencePerHour = 0.092m,
        bool reservations = true)
    {
        var short_ = size.Replace("Standard_", "", StringComparison.Ordinal).Replace('_', ' ');
        var series = $"Virtual Machines {VmSizeCatalog.FamilyOf(size)} Series";
        var n = 0;
        string Meter() => $"{Math.Abs(HashCode.Combine(size, region)):x8}-0000-4000-8000-{++n:000000000000}";
        var windows = linuxPerHour + windowsLicencePerHour;
        var list = new List<FakeRetailPrice>
        {
            new(size, region, "Consumption", linuxPerHour, series, short_, Meter(),
                SavingsPlan: [new(Math.Round(linuxPerHour * 0.52m, 4), "3 Years"), new(Math.Round(linuxPerHour * 0.72m, 4), "1 Year")]),
            new(size, region, "Consumption", windows, series + " Windows", short_, Meter(),
                SavingsPlan: [new(Math.Round(windows * 0.7m, 4), "3 Years"), new(Math.Round(windows * 0.8m, 4), "1 Year")]),
            new(size, region, "Consumption", Math.Round(linuxPerHour * 0.2m, 4), series, short_ + " Spot", Meter()),
            new(size, region, "Consumption", Math.Round(windows * 0.3m, 4), series + " Windows", short_ + " Spot", Meter()),
            new(size, region, "Consumption", Math.Round(linuxPerHour * 0.15m, 4), series, short_ + " Low Priority", Meter()),
            new(size, region, "Consumption", Math.Round(windows * 0.25m, 4), series + " Windows", short_ + " Low Priority", Meter()),
            new(size, region, "DevTestConsumption", Math.Round(linuxPerHour * 0.9m, 4), series, short_, Meter()),
        };
        if (reservations)
        {
            list.Add(new(size, region, "Reservation", Math.Round(linuxPerHour * 0.62m * 8_760m, 0), series, short_, Meter(), ReservationTerm: "1 Year"));
            list.Add(new(size, region, "Reservation", Math.Round(linuxPerHour * 0.41m * 26_280m, 0), series, short_, Meter(), ReservationTerm: "3 Years"));
        }
        return list;
    }

    private static List<FakeRetailPrice> Matching(IReadOnlyList<FakeRetailPrice> items, string filter)
    {
        var service = ServiceName().Match(filter) is { Success: true } m ? m.Groups[1].Value : null;
        var region = RegionName().Match(filter) is { Success: true } r ? r.Groups[1].Value : null;
        var skus = SkuName().Matches(filter).Select(x => x.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        return items.Where(i => (service is null || service == "Virtual Machines")
                && (region is null || i.Region == region)
                && (skus.Count == 0 || skus.Contains(i.ArmSkuName)))
            .ToList();
    }

    private static Dictionary<string, object?> Shape(FakeRetailPrice i)
    {
        var item = new Dictionary<string, object?>
        {
            ["currencyCode"] = i.Currency,
            ["tierMinimumUnits"] = 0.0m,
        };
        if (i.ReservationTerm is not null) item["reservationTerm"] = i.ReservationTerm;
        item["retailPrice"] = i.RetailPrice;
        item["unitPrice"] = i.RetailPrice;
        item["armRegionName"] = i.Region;
        item["location"] = i.Region;
        item["effectiveStartDate"] = i.EffectiveStartDate;
        item["meterId"] = i.MeterId;
        item["meterName"] = i.SkuName;
        item["productId"] = "DZH318Z0BQ4L";
        item["skuId"] = "DZH318Z0BQ4L/00" + (i.MeterId.GetHashCode() & 0xFF).ToString("X2");
        item["availabilityId"] = null;
        item["productName"] = i.ProductName;
        item["skuName"] = i.SkuName;
        item["serviceName"] = "Virtual Machines";
        item["serviceId"] = "DZH313Z7MMC8";
        item["serviceFamily"] = "Compute";
        item["unitOfMeasure"] = "1 Hour";
        item["type"] = i.Type;
        item["isPrimaryMeterRegion"] = true;
        item["armSkuName"] = i.ArmSkuName;
        if (i.SavingsPlan is { } plans) item["savingsPlan"] = plans.Select(p => new { unitPrice = p.RetailPrice, retailPrice = p.RetailPrice, term = p.Term }).ToList();
        return item;
    }

    [GeneratedRegex("serviceName eq '((?:[^']|'')*)'", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceName();

    [GeneratedRegex("armRegionName eq '((?:[^']|'')*)'", RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();

    [GeneratedRegex("armSkuName eq '((?:[^']|'')*)'", RegexOptions.CultureInvariant)]
    private static partial Regex SkuName();
}
