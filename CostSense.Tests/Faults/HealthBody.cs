namespace CostSense.Tests.Faults;

/// <summary>The JSON body of /health/live and /health/ready; durations and descriptions are there for an Admin only.</summary>
public sealed record HealthBody(string Status, double DurationMs, IReadOnlyList<HealthEntry> Checks)
{
    public HealthEntry this[string name] => Checks.Single(c => c.Name == name);
}

public sealed record HealthEntry(string Name, string Status, double DurationMs, string? Description);
