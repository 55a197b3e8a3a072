namespace CostSense.Core.Data.Entities;

public enum RecommendationKind { Compute, Storage }

/// <summary>What the recommendation is about; the grids filter and the savings page totals by it.</summary>
public enum RecommendationCategory
{
    /// <summary>Deallocate an idle or stopped VM, delete a long-deallocated one.</summary>
    Shutdown,
    /// <summary>A smaller size in the same family, or the B-series.</summary>
    Rightsize,
    /// <summary>Scale up a hot VM: a performance risk, negative savings, shown apart.</summary>
    Performance,
    /// <summary>Reserved instance or savings plan for a steady VM.</summary>
    Commitment,
    /// <summary>Hot → Cool → Cold → Archive.</summary>
    AccessTier,
    /// <summary>A lifecycle management policy for logs and backups.</summary>
    Lifecycle,
    /// <summary>RA-GRS → GRS, GRS/ZRS → LRS for non-production.</summary>
    Replication,
}

public enum RecommendationAction
{
    Deallocate,
    Delete,
    Resize,
    ScaleUp,
    Reserve1Year,
    Reserve3Year,
    ChangeAccessTier,
    AddLifecyclePolicy,
    ChangeReplication,
}

public enum RecommendationStatus { Open, Accepted, Implemented, Dismissed, Snoozed }

public enum RiskLevel { Low, Medium, High }
