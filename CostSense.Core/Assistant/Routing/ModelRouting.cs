using System.Text.Json;

namespace CostSense.Core.Assistant.Routing;

/// <summary>
/// The model's part in routing, when the rules are unsure: a system prompt naming each label's subject, and Ollama's
/// structured output (<c>format</c> with a JSON schema whose <c>specialist</c> is an enum of the labels), so the reply
/// is always one of them: <c>{"specialist":"storage"}</c>.
/// </summary>
public static class ModelRouting
{
    private static readonly (string Label, SpecialistKind Kind)[] Labels =
    [
        ("cost", SpecialistKind.CostAnalyst),
        ("compute", SpecialistKind.ComputeOptimizer),
        ("storage", SpecialistKind.StorageOptimizer),
        ("finops", SpecialistKind.FinOpsAdvisor),
        ("chat", SpecialistKind.Orchestrator),
    ];

    public const string SchemaName = "route";

    /// <summary>The reply's shape: one property, <c>specialist</c>, one of the five labels.</summary>
    public static JsonElement Schema { get; } = JsonSerializer.SerializeToElement(new
    {
        type = "object",
        properties = new { specialist = new { type = "string", @enum = Labels.Select(l => l.Label).ToArray() } },
        required = new[] { "specialist" },
        additionalProperties = false,
    });

    public const string Prompt =
        "Classify the user's question for an Azure cost tool. Reply with JSON: {\"specialist\": label}. Labels: " +
        "cost (spend, bills, trends, breakdowns by service, region, team or tag, a day's jump, anomalies, the forecast); " +
        "compute (virtual machines: sizes, idle or stopped machines, CPU and memory); " +
        "storage (storage accounts, blobs, access tiers, lifecycle, replication, disks); " +
        "finops (savings overall, reservations and savings plans, ROI, payback, the remediation plan, budgets); " +
        "chat (greetings, thanks, anything else).";

    /// <summary>The specialist a label names ("storage"); null for any other text.</summary>
    public static SpecialistKind? KindOf(string? label) =>
        Labels.Where(l => l.Label == label).Select(l => (SpecialistKind?)l.Kind).FirstOrDefault();

    /// <summary>The specialist the model's reply names; null when it is not the JSON the schema asks for.</summary>
    public static SpecialistKind? Parse(string? reply)
    {
        try
        {
            using var json = JsonDocument.Parse(reply ?? "");
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("specialist", out var label) || label.ValueKind != JsonValueKind.String) return null;
            return KindOf(label.GetString());
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
