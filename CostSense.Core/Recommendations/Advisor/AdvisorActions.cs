using CostSense.Core.Data.Entities;

namespace CostSense.Core.Recommendations.Advisor;

/// <summary>
/// Reads what an Advisor cost recommendation asks for. The recommendation type decides where it is known (the common VM
/// ones); otherwise its words do, as Advisor writes them in shortDescription ("Right-size or shutdown underutilized virtual
/// machines", "Buy virtual machine reserved instances to save money over pay-as-you-go costs", "Consider a savings plan …").
/// </summary>
public static class AdvisorActions
{
    /// <summary>"Right-size or shutdown underutilized virtual machines": targetSku is a size, or "Shutdown".</summary>
    public const string LowUsageVm = "e10b1381-5f0a-47ff-8c7b-37bd13d7c974";

    /// <summary>The same for classic VMs.</summary>
    public const string LowUsageClassicVm = "d472fb24-d23c-480f-896f-b3095d5bd868";

    /// <summary>"Buy virtual machine reserved instances to save money over pay-as-you-go costs" (subscription-wide, vmSize and term).</summary>
    public const string VmReservedInstance = "84b1a508-fc21-49da-979e-96894f1665df";

    /// <summary>Advisor's targetSku for "shut the VM down".</summary>
    public const string ShutdownSku = "Shutdown";

    public static AdvisorActionKind Of(AdvisorRecommendation a)
    {
        var type = a.RecommendationTypeId?.ToLowerInvariant();
        var words = $"{a.Problem} {a.Solution}".ToLowerInvariant();
        if (type is LowUsageVm or LowUsageClassicVm || Has(words, "right-size or shut", "rightsize or shut", "right-size or shutdown"))
            return a.TargetSku is null ? AdvisorActionKind.ResizeOrShutdown
                : a.TargetSku.Equals(ShutdownSku, StringComparison.OrdinalIgnoreCase) ? AdvisorActionKind.Shutdown : AdvisorActionKind.Resize;
        if (Has(words, "savings plan")) return AdvisorActionKind.SavingsPlan;
        if (type == VmReservedInstance || Has(words, "reserved instance", "reservation", "reserved capacity")) return AdvisorActionKind.Reserve;
        if (Has(words, "lifecycle")) return AdvisorActionKind.Lifecycle;
        if (Has(words, "access tier", "cool tier", "archive tier", "cold tier")) return AdvisorActionKind.AccessTier;
        if (Has(words, "redundancy", "replication")) return AdvisorActionKind.Replication;
        if (Has(words, "shut down", "shutdown", "delete", "unused", "unattached", "idle", "deallocat", "remove")) return AdvisorActionKind.Shutdown;
        if (Has(words, "right-size", "rightsize", "right size", "resize", "downsize", "underutilized")) return AdvisorActionKind.Resize;
        return AdvisorActionKind.Other;
    }

    /// <summary>Advisor's target in words for the grid: the size, "shut down", the reservation, or its own solution.</summary>
    public static string Target(AdvisorRecommendation a) => Of(a) switch
    {
        AdvisorActionKind.Resize => a.TargetSku ?? "a smaller size (not given)",
        AdvisorActionKind.Shutdown => "shut down",
        AdvisorActionKind.ResizeOrShutdown => "right-size or shut down (no size given)",
        AdvisorActionKind.Reserve => Reservation(a),
        AdvisorActionKind.SavingsPlan => "savings plan" + TermWords(a.Term),
        _ => a.Solution ?? a.Problem,
    };

    /// <summary>Whether CostSense's <paramref name="action"/> to <paramref name="ourTarget"/> is the same kind of action as Advisor's.</summary>
    public static bool Agree(RecommendationAction action, string ourTarget, AdvisorRecommendation a) => (action, Of(a)) switch
    {
        // Same size, or no size given by Advisor: nothing contradicts ours.
        (RecommendationAction.Resize, AdvisorActionKind.Resize) => a.TargetSku is null || SameSku(ourTarget, a.TargetSku),
        (RecommendationAction.Resize, AdvisorActionKind.ResizeOrShutdown) => true,
        (RecommendationAction.Deallocate or RecommendationAction.Delete, AdvisorActionKind.Shutdown or AdvisorActionKind.ResizeOrShutdown) => true,
        (RecommendationAction.Reserve1Year, AdvisorActionKind.Reserve) => a.Term is null || a.Term.Equals("P1Y", StringComparison.OrdinalIgnoreCase),
        (RecommendationAction.Reserve3Year, AdvisorActionKind.Reserve) => a.Term is null || a.Term.Equals("P3Y", StringComparison.OrdinalIgnoreCase),
        (RecommendationAction.ChangeAccessTier, AdvisorActionKind.AccessTier) => true,
        (RecommendationAction.AddLifecyclePolicy, AdvisorActionKind.Lifecycle) => true,
        (RecommendationAction.ChangeReplication, AdvisorActionKind.Replication) => true,
        _ => false,
    };

    /// <summary>CostSense's targets may carry more words ("Standard_D2s_v3 3-year reservation"); the size is the first.</summary>
    private static bool SameSku(string ourTarget, string advisorSku) =>
        ourTarget.Trim().Split(' ', 2)[0].Equals(advisorSku.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string Reservation(AdvisorRecommendation a) =>
        (a.TargetSku is { } sku ? $"{sku} " : "") + (a.Term?.ToUpperInvariant() switch
        {
            "P1Y" => "1-year reservation",
            "P3Y" => "3-year reservation",
            _ => "reservation",
        });

    private static string TermWords(string? term) => term?.ToUpperInvariant() switch
    {
        "P1Y" => " (1 year)",
        "P3Y" => " (3 years)",
        _ => "",
    };

    private static bool Has(string words, params string[] any) => any.Any(w => words.Contains(w, StringComparison.Ordinal));
}
