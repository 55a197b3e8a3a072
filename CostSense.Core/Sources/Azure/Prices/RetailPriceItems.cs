using System.Globalization;
using System.Text.Json;
using CostSense.Core.Data.Entities;

namespace CostSense.Core.Sources.Azure.Prices;

/// <summary>
/// Retail Prices API items → <see cref="RetailPrice"/> rows per hour. Consumption items are pay-as-you-go (Windows when the
/// product name says so) or Spot ("… Spot" SKU names); the Linux pay-as-you-go item's <c>savingsPlan</c> array gives the
/// savings plans' hourly prices. Reservation items give the WHOLE term's price although their unit says "1 Hour": divided by
/// 8,760 (1 year) or 26,280 (3 years). Dev/Test prices, Low Priority meters, tiered and non-hourly meters are skipped.
/// Several items for one size, region and kind (a price change, a second meter): the one in effect at the sync wins — the
/// latest start on or before it — then the lower meter id, so two syncs store the same rows.
/// </summary>
internal static class RetailPriceItems
{
    public const decimal HoursPerYear = 8_760m;
    public const decimal HoursPer3Years = 26_280m;

    /// <summary>One row per size, region and kind among <paramref name="items"/>, keeping only sizes and regions <paramref name="wanted"/>.</summary>
    public static List<RetailPrice> Select(IEnumerable<JsonElement> items, ISet<(string Size, string Region)> wanted, DateTimeOffset syncedAt)
    {
        var rows = new List<RetailPrice>();
        foreach (var item in items)
            foreach (var row in Map(item, syncedAt))
                if (wanted.Contains((row.ArmSkuName, row.Region)))
                    rows.Add(row);
        return rows
            .GroupBy(r => (r.ArmSkuName, r.Region, r.Kind))
            .Select(g => g.OrderBy(r => r.EffectiveStartDate <= syncedAt ? 0 : 1)
                .ThenBy(r => r.EffectiveStartDate <= syncedAt ? -r.EffectiveStartDate.UtcTicks : r.EffectiveStartDate.UtcTicks)
                .ThenBy(r => r.MeterId, StringComparer.Ordinal).First())
            .OrderBy(r => r.Region, StringComparer.Ordinal).ThenBy(r => r.ArmSkuName, StringComparer.Ordinal).ThenBy(r => r.Kind)
            .ToList();
    }

    /// <summary>The rows one item gives: none, one, or (Linux pay-as-you-go with savings plans) up to three.</summary>
    public static IEnumerable<RetailPrice> Map(JsonElement item, DateTimeOffset syncedAt)
    {
        var sku = Text(item, "armSkuName");
        var region = Text(item, "armRegionName")?.ToLowerInvariant();
        var type = Text(item, "type");
        var unit = Text(item, "unitOfMeasure");
        var currency = Text(item, "currencyCode") ?? "USD";
        if (string.IsNullOrEmpty(sku) || string.IsNullOrEmpty(region) || Number(item, "retailPrice") is not { } price) yield break;
        if (!string.Equals(unit, "1 Hour", StringComparison.OrdinalIgnoreCase)) yield break;
        if (Number(item, "tierMinimumUnits") is > 0) yield break;
        var skuName = Text(item, "skuName") ?? "";
        if (skuName.EndsWith("Low Priority", StringComparison.OrdinalIgnoreCase)) yield break;
        var windows = (Text(item, "productName") ?? "").Contains("Windows", StringComparison.OrdinalIgnoreCase);
        var spot = skuName.EndsWith(" Spot", StringComparison.OrdinalIgnoreCase);
        var meter = Text(item, "meterId");
        var start = Text(item, "effectiveStartDate") is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : syncedAt;

        RetailPrice Row(RetailPriceKind kind, decimal hourly) => new()
        {
            ArmSkuName = sku, Region = region, Kind = kind, HourlyPrice = hourly, Currency = currency.ToUpperInvariant(),
            MeterId = meter, EffectiveStartDate = start, SyncedAt = syncedAt,
        };

        switch (type)
        {
            case "Consumption":
                yield return Row(spot
                    ? windows ? RetailPriceKind.SpotWindows : RetailPriceKind.SpotLinux
                    : windows ? RetailPriceKind.PayAsYouGoWindows : RetailPriceKind.PayAsYouGoLinux, price);
                // A savings plan covers compute only: the Linux meter's plan prices are the plan's, whatever the OS.
                if (spot || windows || !item.TryGetProperty("savingsPlan", out var plans) || plans.ValueKind != JsonValueKind.Array) yield break;
                foreach (var plan in plans.EnumerateArray())
                    if (Number(plan, "retailPrice") is { } planPrice && Term(Text(plan, "term")) is { } years)
                        yield return Row(years == 1 ? RetailPriceKind.SavingsPlan1Year : RetailPriceKind.SavingsPlan3Year, planPrice);
                break;
            case "Reservation":
                // Reservations are for compute; a Windows-named reservation meter would not be comparable.
                if (windows || Term(Text(item, "reservationTerm")) is not { } term) yield break;
                yield return term == 1
                    ? Row(RetailPriceKind.Reservation1Year, price / HoursPerYear)
                    : Row(RetailPriceKind.Reservation3Year, price / HoursPer3Years);
                break;
            // DevTestConsumption and anything new: not what CostSense's rules price.
        }
    }

    /// <summary>"1 Year" → 1, "3 Years" → 3, anything else (5 years) → null.</summary>
    private static int? Term(string? term) => term?.Trim() switch
    {
        "1 Year" => 1,
        "3 Years" => 3,
        _ => null,
    };

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static decimal? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) ? d : null;
}
