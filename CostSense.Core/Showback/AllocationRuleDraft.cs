using CostSense.Core.Data.Entities;

namespace CostSense.Core.Showback;

/// <summary>
/// What an analyst fills in for an allocation rule. <paramref name="SourceKeys"/>: "{subscription id}/{group}" per line
/// for resource groups, a subscription id per line for subscriptions, nothing for the untagged cost.
/// <paramref name="FixedShares"/>: "value = percent" per line for a fixed rule, adding up to exactly 100.
/// </summary>
public sealed record AllocationRuleDraft(string Name, string TagKey, AllocationSource Source, string? SourceKeys, AllocationMethod Method,
    string? FixedShares, int Order, bool Enabled = true);
