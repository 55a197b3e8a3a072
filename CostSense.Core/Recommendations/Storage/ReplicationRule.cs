using CostSense.Core.Catalog;
using CostSense.Core.Data.Entities;
using static System.FormattableString;

namespace CostSense.Core.Recommendations.Storage;

/// <summary>
/// RA-GRS with no secondary reads (SecondaryReadsPerDay == 0) → GRS; GRS or ZRS outside production → LRS (a non-production
/// RA-GRS account with no secondary reads goes straight to LRS). Saving: capacity price difference × used capacity, priced
/// in the tier the access-tier rule moves the account to when it does, so the two savings add up to no more than the bill.
/// For an account known from cost rows only (<see cref="StorageUsage.CostOnly"/>), only the non-production move runs, and
/// only when its environment is known.
/// </summary>
public sealed class ReplicationRule(AccessTierRule? wholeAccountMove = null) : IStorageRule
{
    public IEnumerable<RecommendationDraft> Evaluate(StorageUsage usage, RecommendationOptions options)
    {
        var a = usage.Account;
        // From cost rows alone, secondary reads are unknown (not billed apart) and an account without an environment is not
        // taken for non-production: only a known non-production account loses its second copy.
        var nonProduction = !usage.IsProduction && !(usage.CostOnly && a.Environment is null);
        Replication? target = a.Replication switch
        {
            Replication.RAGRS when usage.CostOnly => nonProduction ? Replication.LRS : null,
            Replication.RAGRS when a.SecondaryReadsPerDay == 0 => usage.IsProduction ? Replication.GRS : Replication.LRS,
            Replication.GRS or Replication.ZRS when nonProduction => Replication.LRS,
            _ => null,
        };
        if (target is not { } to) yield break;

        var tier = wholeAccountMove?.Plan(usage, options)?.Tier ?? a.AccessTier;
        var saving = StorageMath.Capacity(a, tier, a.Replication) - StorageMath.Capacity(a, tier, to);
        var current = StorageMath.Current(usage);
        var projected = StorageMath.Cents(current - saving);
        if (current - projected < options.MinimumMonthlySavings) yield break;

        var why = a.Replication == Replication.RAGRS && !usage.CostOnly
            ? "no reads from the secondary region, so read access to it is paid for and unused"
            : Invariant($"a {a.Environment ?? "non-production"} account that does not need a second copy in another zone or region");
        var loses = to == Replication.LRS
            ? " LRS keeps three copies in one datacenter: a regional outage makes the data unavailable until it recovers."
            : " GRS keeps the same geo-redundant copy; only read access to it goes (failover still works).";
        yield return new RecommendationDraft(a.ResourceId, RecommendationKind.Storage, RecommendationCategory.Replication,
            RecommendationAction.ChangeReplication, $"{a.AccessTier} · {StorageMath.Name(a.Replication)}", $"{a.AccessTier} · {StorageMath.Name(to)}",
            current, projected, Confidence: to == Replication.LRS ? 4 : 5, EffortHours: a.Replication == Replication.ZRS ? 1 : 0.5,
            to == Replication.LRS ? RiskLevel.Medium : RiskLevel.Low,
            Invariant($"{StorageMath.Name(a.Replication)} with {why}. {a.UsedCapacityGiB:N1} GiB at ${StoragePriceCatalog.CapacityPerGbMonth(tier, a.Replication):0.#####} → ")
            + Invariant($"${StoragePriceCatalog.CapacityPerGbMonth(tier, to):0.#####}/GB ({tier}{(tier != a.AccessTier ? ", after the recommended tier move" : "")}) saves ${current - projected:0.00}/month (geo-replication transfer charges, also saved, not counted).")
            + loses,
            StorageCommands.SetReplication(a, to));
    }
}
