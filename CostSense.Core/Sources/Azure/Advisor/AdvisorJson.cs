using System.Globalization;
using System.Text.Json;
using CostSense.Core.Data.Entities;

namespace CostSense.Core.Sources.Azure.Advisor;

/// <summary>
/// One item of Advisor's recommendation list (<c>{"id","name","type","properties":{category, impact, impactedField,
/// impactedValue, lastUpdated, recommendationTypeId, shortDescription:{problem, solution}, resourceMetadata:{resourceId},
/// extendedProperties:{…strings…}}}</c>) as the store keeps it. Advisor's extended properties are all strings and often
/// missing or empty: a saving or SKU that is absent, blank or not a number stays null, never zero.
/// </summary>
public static class AdvisorJson
{
    /// <summary>The marker between the impacted resource and the recommendation in an Advisor recommendation's id.</summary>
    public const string IdMarker = "/providers/Microsoft.Advisor/recommendations/";

    /// <summary>The row, or null for an item that is not a cost recommendation or has no id (Advisor's filter should prevent both).</summary>
    public static AdvisorRecommendation? Read(JsonElement item, string subscriptionId, DateTimeOffset syncedAt)
    {
        if (Text(item, "id") is not { } id) return null;
        if (!item.TryGetProperty("properties", out var p) || p.ValueKind != JsonValueKind.Object) return null;
        if (Text(p, "category") is { } category && !category.Equals("Cost", StringComparison.OrdinalIgnoreCase)) return null;

        var extended = p.TryGetProperty("extendedProperties", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
        var shortDescription = p.TryGetProperty("shortDescription", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var resourceMetadata = p.TryGetProperty("resourceMetadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var problem = Text(shortDescription, "problem") ?? Text(p, "description") ?? Text(p, "recommendationTypeId") ?? "Advisor cost recommendation";
        return new AdvisorRecommendation
        {
            Id = Clip(id, 1024)!,
            ResourceId = Clip(ResourceOf(id, Text(resourceMetadata, "resourceId")), 1024)!,
            SubscriptionId = subscriptionId.ToLowerInvariant(),
            ImpactedField = Text(p, "impactedField"),
            ImpactedValue = Clip(Text(p, "impactedValue"), 300),
            RecommendationTypeId = Text(p, "recommendationTypeId")?.ToLowerInvariant(),
            Problem = Clip(problem, 1000)!,
            Solution = Clip(Text(shortDescription, "solution"), 1000),
            Impact = Clip(Text(p, "impact"), 16),
            // Right-size: currentSku/targetSku. Reservations name the size to reserve as vmSize or displaySKU instead.
            CurrentSku = Clip(Text(extended, "currentSku"), 100),
            TargetSku = Clip(Text(extended, "targetSku") ?? Text(extended, "vmSize") ?? Text(extended, "displaySKU"), 100),
            MonthlySavings = Amount(Text(extended, "savingsAmount")),
            AnnualSavings = Amount(Text(extended, "annualSavingsAmount")),
            Currency = Clip(Text(extended, "savingsCurrency"), 8),
            Term = Clip(Text(extended, "term"), 16),
            LastUpdated = DateTimeOffset.TryParse(Text(p, "lastUpdated"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var updated) ? updated.ToUniversalTime() : null,
            SyncedAt = syncedAt,
        };
    }

    /// <summary>
    /// The impacted resource, lower case: resourceMetadata.resourceId when Advisor gives it, else the recommendation id's part
    /// before "/providers/Microsoft.Advisor/recommendations/" (a VM, or the subscription for a reservation).
    /// </summary>
    public static string ResourceOf(string recommendationId, string? metadataResourceId)
    {
        if (!string.IsNullOrWhiteSpace(metadataResourceId)) return metadataResourceId.Trim().TrimEnd('/').ToLowerInvariant();
        var at = recommendationId.IndexOf(IdMarker, StringComparison.OrdinalIgnoreCase);
        return (at > 0 ? recommendationId[..at] : recommendationId).TrimEnd('/').ToLowerInvariant();
    }

    /// <summary>A money string ("41.9", "1,250.00") as Advisor writes it in invariant culture; null when absent, blank or not a number.</summary>
    public static decimal? Amount(string? text) =>
        text is { Length: > 0 } t && decimal.TryParse(t, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>A string property, trimmed; null when absent, not a string or blank.</summary>
    private static string? Text(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        // Advisor's extended properties are not consistently cased (targetSku, displaySKU, lookbackPeriod/LookbackPeriod).
        foreach (var property in element.EnumerateObject())
        {
            if (!property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            var value = property.Value;
            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
            return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        }
        return null;
    }

    private static string? Clip(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
