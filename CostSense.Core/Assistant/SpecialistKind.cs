namespace CostSense.Core.Assistant;

/// <summary>Who answers: the orchestrator itself (small talk, no tools) or one of the four specialists.</summary>
public enum SpecialistKind { Orchestrator, CostAnalyst, ComputeOptimizer, StorageOptimizer, FinOpsAdvisor }

public static class Specialists
{
    /// <summary>The name the panel shows ("compute optimizer").</summary>
    public static string DisplayName(this SpecialistKind kind) => kind switch
    {
        SpecialistKind.CostAnalyst => "cost analyst",
        SpecialistKind.ComputeOptimizer => "compute optimizer",
        SpecialistKind.StorageOptimizer => "storage optimizer",
        SpecialistKind.FinOpsAdvisor => "FinOps advisor",
        _ => "orchestrator",
    };

    /// <summary>Who answered, as the panel and the stored conversation name them: "compute optimizer and storage optimizer".</summary>
    public static string DisplayNames(this IEnumerable<SpecialistKind> kinds) => string.Join(" and ", kinds.Select(DisplayName));
}
