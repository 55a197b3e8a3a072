namespace CostSense.Core.Assistant;

/// <summary>A tool the answer used, with its arguments as given ("get_vm_recommendations(resourceGroup: rg-production)").</summary>
public sealed record ToolCallInfo(string Name, IReadOnlyList<KeyValuePair<string, string>> Arguments)
{
    public string Display => $"{Name}({string.Join(", ", Arguments.Select(a => $"{a.Key}: {a.Value}"))})";

    public override string ToString() => Display;
}
