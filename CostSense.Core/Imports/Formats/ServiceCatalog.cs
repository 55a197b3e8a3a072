using System.Collections.Frozen;

namespace CostSense.Core.Imports.Formats;

/// <summary>
/// The FinOps toolkit's service mapping (Services.csv, embedded): Azure's ConsumedService and resource type to FOCUS
/// ServiceName and ServiceCategory, so a classic export's rows are named as a FOCUS export names the same charges and the
/// two agree on the dashboard. Read once; immutable.
/// </summary>
internal static class ServiceCatalog
{
    private static readonly Lazy<FrozenDictionary<(string Consumed, string Type), Service>> Services = new(Load);

    /// <summary>The FOCUS service of a charge, or null when the mapping does not know it.</summary>
    public static Service? Find(string? consumedService, string? resourceType)
    {
        if (string.IsNullOrWhiteSpace(resourceType)) return null;
        var type = resourceType.Trim().ToLowerInvariant();
        var consumed = consumedService?.Trim().ToLowerInvariant() ?? "";
        var map = Services.Value;
        if (map.TryGetValue((consumed, type), out var exact)) return exact;
        if (map.TryGetValue(("", type), out var byType)) return byType;
        // A child resource (…/storageAccounts/blobServices) is named as its parent type is.
        var parts = type.Split('/');
        return parts.Length > 2 && map.TryGetValue((consumed, $"{parts[0]}/{parts[1]}"), out var parent) ? parent
            : parts.Length > 2 && map.TryGetValue(("", $"{parts[0]}/{parts[1]}"), out var parentByType) ? parentByType
            : null;
    }

    private static FrozenDictionary<(string, string), Service> Load()
    {
        using var stream = typeof(ServiceCatalog).Assembly.GetManifestResourceStream("CostSense.Core.Imports.Formats.Services.csv")
            ?? throw new InvalidOperationException("The embedded Services.csv is missing.");
        using var reader = new StreamReader(stream);
        var header = reader.ReadLine()?.Split(',') ?? [];
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidOperationException($"Services.csv has no {name} column.");
        var (consumed, type, serviceName, serviceCategory) = (Column("ConsumedService"), Column("ResourceType"), Column("ServiceName"), Column("ServiceCategory"));
        var map = new Dictionary<(string, string), Service>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var cells = line.Split(',');   // the file has no quoted fields (checked when it was copied)
            map.TryAdd((cells[consumed].ToLowerInvariant(), cells[type].ToLowerInvariant()), new Service(cells[serviceName], cells[serviceCategory]));
        }
        return map.ToFrozenDictionary();
    }
}

/// <summary>A FOCUS service name and category.</summary>
internal sealed record Service(string Name, string Category);
