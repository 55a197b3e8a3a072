using CostSense.Core.Catalog;
using CostSense.Core.Data.Entities;
using static System.FormattableString;

namespace CostSense.Core.Recommendations.Storage;

/// <summary>
/// Logs, backups and diagnostics on Hot or Cool get a lifecycle policy that moves blobs down as they age: Hot → Cool after
/// 30 days and → Cold after 90; Cool → Cold after 90. The inventory cannot tell whether a policy exists, so every such
/// account counts as lacking one. An account idle enough for the access-tier rule to move it whole is left to that rule,
/// so the same gigabytes are never saved twice.
/// </summary>
public sealed class LifecycleRule(AccessTierRule wholeAccountMove) : IStorageRule
{
    private static readonly string[] Purposes = ["logs", "backups", "diagnostics"];

    /// <summary>
    /// Ages are not in the inventory. Assumed: data written at a steady rate and kept a year, so 335/365 of it is older
    /// than 30 days and 275/365 older than 90 (said in the rationale).
    /// </summary>
    private const decimal OlderThan30 = 335m / 365m, OlderThan90 = 275m / 365m;

    public IEnumerable<RecommendationDraft> Evaluate(StorageUsage usage, RecommendationOptions options)
    {
        var a = usage.Account;
        if (a.Purpose is not { } purpose || !Purposes.Contains(purpose, StringComparer.OrdinalIgnoreCase)) yield break;
        if (a.AccessTier is not (AccessTier.Hot or AccessTier.Cool)) yield break;
        if (wholeAccountMove.Plan(usage, options) is not null) yield break;

        decimal Price(AccessTier t) => StoragePriceCatalog.CapacityPerGbMonth(t, a.Replication);
        var gib = (decimal)a.UsedCapacityGiB;
        var saving = a.AccessTier == AccessTier.Hot
            ? gib * ((OlderThan30 - OlderThan90) * (Price(AccessTier.Hot) - Price(AccessTier.Cool)) + OlderThan90 * (Price(AccessTier.Hot) - Price(AccessTier.Cold)))
            : gib * OlderThan90 * (Price(AccessTier.Cool) - Price(AccessTier.Cold));
        var current = StorageMath.Current(usage);
        var projected = StorageMath.Cents(current - saving);
        if (current - projected < options.MinimumMonthlySavings) yield break;

        var moves = a.AccessTier == AccessTier.Hot
            ? new[] { (AccessTier.Cool, 30), (AccessTier.Cold, 90) }
            : [(AccessTier.Cold, 90)];
        var plan = a.AccessTier == AccessTier.Hot ? "Cool after 30 days, Cold after 90" : "Cold after 90 days";
        yield return new RecommendationDraft(a.ResourceId, RecommendationKind.Storage, RecommendationCategory.Lifecycle,
            RecommendationAction.AddLifecyclePolicy, $"{a.AccessTier} · no lifecycle policy", $"lifecycle: {plan}", current, projected,
            Confidence: 3, EffortHours: 1, RiskLevel.Low,
            Invariant($"A {purpose} account of {a.UsedCapacityGiB:N1} GiB on {a.AccessTier} with no lifecycle policy. Assuming a steady write rate and a year's retention, ")
            + Invariant($"{OlderThan30:0.0%} of it is older than 30 days and {OlderThan90:0.0%} older than 90; moving it {plan} saves ${current - projected:0.00}/month. ")
            + "Reads are assumed to hit recent data, which stays put; the one-off tier-change transactions are not counted. "
            + "Early deletion: Cool keeps blobs 30 days, Cold 90, so delete moved blobs no sooner than that.",
            StorageCommands.Lifecycle(a, $"age-out-{purpose.ToLowerInvariant()}", moves));
    }
}
