using System.Text.Json;
using System.Text.Json.Serialization;

namespace CostSense.Core.Sources.Azure;

/// <summary>How request bodies are written: camelCase, nulls left out, as Azure's REST APIs expect.</summary>
internal static class AzureJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
