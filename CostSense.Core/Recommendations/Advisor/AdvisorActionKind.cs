namespace CostSense.Core.Recommendations.Advisor;

/// <summary>What an Advisor cost recommendation asks for, read from its type and words (<see cref="AdvisorActions.Of"/>).</summary>
public enum AdvisorActionKind
{
    /// <summary>Resize to a smaller size (its targetSku; sometimes not given).</summary>
    Resize,
    /// <summary>Shut down or delete an idle or unused resource (targetSku "Shutdown" for VMs).</summary>
    Shutdown,
    /// <summary>"Right-size or shutdown underutilized virtual machines" without a targetSku: one of the two, Advisor does not say which.</summary>
    ResizeOrShutdown,
    /// <summary>Buy a reservation (term P1Y or P3Y).</summary>
    Reserve,
    /// <summary>Buy a savings plan: CostSense has no rule for it.</summary>
    SavingsPlan,
    AccessTier,
    Lifecycle,
    Replication,
    /// <summary>Anything else Advisor calls a cost recommendation (App Service plans, public IPs, …).</summary>
    Other,
}
