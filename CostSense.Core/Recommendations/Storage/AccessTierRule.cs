using CostSense.Core.Catalog;
using CostSense.Core.Data.Entities;
using static System.FormattableString;

namespace CostSense.Core.Recommendations.Storage;

/// <summary>
/// Moves a whole idle account down a tier. Days since last access at or over <see cref="RecommendationOptions.CoolAfterIdleDays"/>
/// qualify for Cool, 3× for Cold, 6× for Archive (backups, logs and archive accounts only: Archive is offline). The deepest
/// qualifying tier below the current one whose extra access cost is "low" wins: low means the current reads and writes,
/// priced in the new tier with retrieval, eat at most half of the capacity saving. The saving is capacity difference minus
/// that extra access cost.
/// </summary>
/// <remarks>Counts idle days to today's UTC date from the <see cref="TimeProvider"/>; see <c>LongDeallocatedVmRule</c> for why.</remarks>
public sealed class AccessTierRule(TimeProvider time) : IStorageRule
{
    private static readonly string[] ArchivePurposes = ["backups", "logs", "archive"];

    /// <summary>The tier this account moves to with its saving, or null: what the other storage rules build on.</summary>
    internal sealed record Move(AccessTier Tier, int IdleDays, decimal CapacitySaving, decimal ExtraAccess, decimal Current, decimal Projected);

    internal Move? Plan(StorageUsage usage, RecommendationOptions options)
    {
        var a = usage.Account;
        var idle = StorageMath.IdleDays(a, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var move = Candidates(a, idle, options)
            .Where(t => t > a.AccessTier && StorageMath.Offered(t, a.Replication))
            .Select(t => (Tier: t, Capacity: StorageMath.Capacity(a, a.AccessTier, a.Replication) - StorageMath.Capacity(a, t, a.Replication),
                Access: StorageMath.AccessDelta(a, a.AccessTier, t)))
            .FirstOrDefault(m => m.Access <= m.Capacity / 2);
        if (move == default) return null;
        var current = StorageMath.Current(usage);
        var projected = StorageMath.Cents(current - move.Capacity + move.Access);
        return current - projected < options.MinimumMonthlySavings ? null : new Move(move.Tier, idle, move.Capacity, move.Access, current, projected);
    }

    public IEnumerable<RecommendationDraft> Evaluate(StorageUsage usage, RecommendationOptions options)
    {
        if (Plan(usage, options) is not { } move) yield break;
        var a = usage.Account;
        var (idle, current, projected) = (move.IdleDays, move.Current, move.Projected);
        var to = move.Tier;
        var readsPerGb = a.UsedCapacityGiB > 0 ? a.ReadTransactionsPerDay * StorageMath.DaysPerMonth / a.UsedCapacityGiB : 0;
        var rationale =
            Invariant($"Last accessed {idle} days ago ({to} from {Threshold(to, options)} idle days); {a.ReadTransactionsPerDay:N0} reads/day is {readsPerGb:0.####} reads per GB a month. ")
            + Invariant($"{a.UsedCapacityGiB:N1} GiB at ${StoragePriceCatalog.CapacityPerGbMonth(a.AccessTier, a.Replication):0.#####} → ${StoragePriceCatalog.CapacityPerGbMonth(to, a.Replication):0.#####}/GB saves ${move.CapacitySaving:0.00}/month; ")
            + Invariant($"the current reads and writes cost ${move.ExtraAccess:0.00} more in {to} (retrieval estimated at {StorageMath.AssumedMiBPerRead:0.#} MiB per read): net ${current - projected:0.00}. ")
            + Invariant($"{to} has a {StoragePriceCatalog.EarlyDeletionDays(to)}-day early-deletion period: blobs deleted or moved out sooner are charged for the rest of it.")
            + (to == AccessTier.Archive ? " Archived blobs are offline: reading one needs a rehydration of up to 15 hours." : "");
        var command = to == AccessTier.Cool
            ? StorageCommands.SetDefaultTier(a, to)
            : StorageCommands.Lifecycle(a, $"to-{to.ToString().ToLowerInvariant()}", (to, Threshold(to, options)));
        yield return new RecommendationDraft(a.ResourceId, RecommendationKind.Storage, RecommendationCategory.AccessTier,
            RecommendationAction.ChangeAccessTier, $"{a.AccessTier} · {StorageMath.Name(a.Replication)}", to.ToString(), current, projected,
            Confidence: to == AccessTier.Archive ? 3 : 4, EffortHours: to == AccessTier.Cool ? 0.5 : 1,
            to == AccessTier.Archive ? RiskLevel.High : RiskLevel.Low, rationale, command);
    }

    private static IEnumerable<AccessTier> Candidates(StorageAccount a, int idle, RecommendationOptions o)
    {
        if (idle >= Threshold(AccessTier.Archive, o) && a.Purpose is { } p && ArchivePurposes.Contains(p, StringComparer.OrdinalIgnoreCase))
            yield return AccessTier.Archive;
        if (idle >= Threshold(AccessTier.Cold, o)) yield return AccessTier.Cold;
        if (idle >= Threshold(AccessTier.Cool, o)) yield return AccessTier.Cool;
    }

    private static int Threshold(AccessTier tier, RecommendationOptions o) => tier switch
    {
        AccessTier.Archive => 6 * o.CoolAfterIdleDays,
        AccessTier.Cold => 3 * o.CoolAfterIdleDays,
        _ => o.CoolAfterIdleDays,
    };
}
