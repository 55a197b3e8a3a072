using CostSense.Core.Data.Entities;
using CostSense.Core.Imports.Formats;

namespace CostSense.Core.Sources.Azure.Costs;

/// <summary>
/// Turns one subscription-month's two queries into the store's FOCUS-shaped rows. Both are grouped by the same two
/// dimensions, <c>ResourceId</c> and <c>ResourceLocation</c>:
/// <list type="bullet">
/// <item><b>AmortizedCost</b> gives <see cref="CostRecord.EffectiveCost"/> (reservation and savings-plan purchases spread over
/// the usage they cover: what the dashboard shows, as FOCUS's EffectiveCost).</item>
/// <item><b>ActualCost</b> gives <see cref="CostRecord.BilledCost"/> (what the invoice charges: purchases on their day, covered
/// usage at zero).</item>
/// </list>
/// A second query is the price of having both numbers right (two QPU a month instead of one); a third dimension (ChargeType,
/// MeterCategory) would need a third query per month, so it is read from the resource instead: the resource group, name
/// and type from its id (lower case, as CostSense stores ids), ServiceName and ServiceCategory from the FinOps toolkit's
/// mapping of the type and its namespace (<see cref="ServiceCatalog"/>), the region from the location. A row on a reservation or savings-plan
/// order billed but without amortized cost is a Purchase; every other row is Usage. Tags come from the inventory for the resources
/// it knows (VMs, storage accounts), as the Query API does not return them per row.
/// </summary>
public static class QueryCostRows
{
    public const string ResourceId = "ResourceId";
    public const string ResourceLocation = "ResourceLocation";

    /// <summary>The grouping both queries use.</summary>
    public static readonly IReadOnlyList<string> Dimensions = [ResourceId, ResourceLocation];

    /// <summary>The rows of one subscription's month: amortized and actual rows merged on day, resource, location and currency.</summary>
    /// <param name="tags">Tags (JSON) by lower-case resource id.</param>
    public static IReadOnlyList<CostRecord> Build(AzureSubscription subscription, IReadOnlyList<CostQueryRow> amortized, IReadOnlyList<CostQueryRow> actual,
        IReadOnlyDictionary<string, string> tags)
    {
        var merged = new Dictionary<(DateOnly, string, string, string), (decimal Effective, decimal Billed)>();
        foreach (var r in amortized)
        {
            var key = Key(r);
            var had = merged.GetValueOrDefault(key);
            merged[key] = (had.Effective + r.Cost, had.Billed);
        }
        foreach (var r in actual)
        {
            var key = Key(r);
            var had = merged.GetValueOrDefault(key);
            merged[key] = (had.Effective, had.Billed + r.Cost);
        }
        return merged.OrderBy(m => m.Key.Item1).ThenBy(m => m.Key.Item2, StringComparer.Ordinal).ThenBy(m => m.Key.Item3, StringComparer.Ordinal)
            .Select(m => Record(subscription, m.Key, m.Value.Effective, m.Value.Billed, tags)).ToList();
    }

    private static (DateOnly, string, string, string) Key(CostQueryRow r) =>
        (r.Date, Id(r.Dimension(ResourceId)), Region(r.Dimension(ResourceLocation)), r.Currency.Trim().ToUpperInvariant());

    private static CostRecord Record(AzureSubscription subscription, (DateOnly Day, string Id, string Region, string Currency) key,
        decimal effective, decimal billed, IReadOnlyDictionary<string, string> tags)
    {
        var id = key.Id.Length == 0 ? null : key.Id;
        var type = ResourceIdParts.Type(id);
        // The consumed service is the type's namespace for most charges (Microsoft.Compute for a VM); the mapping falls back to the type alone.
        var service = ServiceCatalog.Find(type?.Split('/')[0], type);
        var commitmentOrder = type is "microsoft.capacity/reservationorders" or "microsoft.capacity/reservationorders/reservations"
            or "microsoft.billingbenefits/savingsplanorders" or "microsoft.billingbenefits/savingsplanorders/savingsplans";
        var (json, environment, costCenter) = TagLifter.Lift(id is not null && tags.TryGetValue(id, out var t) ? t : null);
        return new CostRecord
        {
            Source = AzureSources.Costs(subscription.Id),
            ProviderName = "Microsoft",
            ChargePeriodStart = key.Day,
            // The Query API at subscription scope does not name the billing account.
            BillingAccountId = "",
            SubAccountId = subscription.Id,
            SubAccountName = subscription.DisplayName,
            ResourceGroup = ResourceIdParts.ResourceGroup(id) ?? "",
            ResourceId = id,
            ResourceName = ResourceIdParts.Name(id),
            ResourceType = type,
            ServiceName = service?.Name ?? "",
            ServiceCategory = service?.Category ?? "",
            RegionId = key.Region,
            ChargeCategory = commitmentOrder && billed != 0m && effective == 0m ? "Purchase" : "Usage",
            PricingCategory = commitmentOrder ? "Committed" : "Standard",
            BilledCost = billed,
            EffectiveCost = effective,
            BillingCurrency = key.Currency,
            Tags = json,
            TagEnvironment = environment,
            TagCostCenter = costCenter,
            BillingPeriodStart = new DateOnly(key.Day.Year, key.Day.Month, 1),
            BillingPeriodEnd = new DateOnly(key.Day.Year, key.Day.Month, 1).AddMonths(1),
        };
    }

    /// <summary>A resource id as CostSense stores it: lower case, without a trailing slash; "" for none.</summary>
    private static string Id(string? id) => string.IsNullOrWhiteSpace(id) ? "" : id.Trim().TrimEnd('/').ToLowerInvariant();

    /// <summary>A location as FOCUS's RegionId writes it ("eastus"): lower case without spaces; "" for none or "unassigned".</summary>
    private static string Region(string? location)
    {
        if (string.IsNullOrWhiteSpace(location)) return "";
        var region = string.Concat(location.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        return region == "unassigned" ? "" : region;
    }
}
