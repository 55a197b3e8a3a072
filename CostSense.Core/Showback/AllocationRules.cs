using System.Globalization;
using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Showback;

/// <summary>
/// Allocation rules as the /showback page manages them: anyone who reads may list them; Analysts and Admins
/// (<see cref="Permission.ManageCostControls"/>, checked against the store's current roles) create, edit and delete
/// them, each change audited in the same unit of work. A rule is checked against the store before it is saved (its key,
/// its resource groups or subscriptions, its fixed values exist), so a typo is named instead of silently allocating nothing.
/// </summary>
public sealed class AllocationRules(IDbContextFactory<CostSenseDbContext> dbFactory, CurrentPermissions permissions, AuditTrail audit, TimeProvider time)
{
    public const int MaxName = 200;

    public async Task<IReadOnlyList<AllocationRule>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.AllocationRules.AsNoTracking().ToListAsync(ct)).OrderBy(r => r.Order).ThenBy(r => r.Id).ToList();
    }

    /// <summary>The resource groups ("{subscription id}/{group}" → "group (subscription)") and subscriptions (id → name) a rule may take from.</summary>
    public async Task<RuleSourceChoices> SourceChoicesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = await db.DailyCostRollups.AsNoTracking().Select(r => new { r.SubAccountId, r.SubAccountName, r.ResourceGroup }).Distinct().ToListAsync(ct);
        return new RuleSourceChoices(
            groups.Select(g => new KeyValuePair<string, string>($"{g.SubAccountId}/{g.ResourceGroup}", $"{g.ResourceGroup} ({g.SubAccountName})"))
                .DistinctBy(g => g.Key).OrderBy(g => g.Value, StringComparer.OrdinalIgnoreCase).ToList(),
            groups.Select(g => new KeyValuePair<string, string>(g.SubAccountId, g.SubAccountName))
                .DistinctBy(g => g.Key).OrderBy(g => g.Value, StringComparer.OrdinalIgnoreCase).ToList());
    }

    /// <exception cref="AllocationRuleException">The draft is not valid (the message names the field and what to fix).</exception>
    public async Task<AllocationRule> CreateAsync(Actor actor, AllocationRuleDraft draft, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageCostControls, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var v = await ValidateAsync(db, draft, ct);
        var rule = new AllocationRule
        {
            Name = v.Name, TagKey = v.TagKey, Source = draft.Source, SourceKeys = v.SourceKeys, Method = draft.Method, FixedShares = v.FixedShares,
            Order = draft.Order, Enabled = draft.Enabled, CreatedBy = actor.Name, CreatedAt = time.GetUtcNow(),
        };
        db.AllocationRules.Add(rule);
        db.AuditEntries.Add(audit.Entry(actor, AuditActions.AllocationRuleCreate, rule.Name, Describe(rule)));
        await db.SaveChangesAsync(ct);
        return rule;
    }

    /// <exception cref="AllocationRuleException">The draft is not valid, or the rule is gone.</exception>
    public async Task<AllocationRule> UpdateAsync(Actor actor, long id, AllocationRuleDraft draft, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageCostControls, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rule = await FindAsync(db, id, ct);
        var v = await ValidateAsync(db, draft, ct);
        var before = Describe(rule);
        (rule.Name, rule.TagKey, rule.Source, rule.SourceKeys, rule.Method, rule.FixedShares, rule.Order, rule.Enabled) =
            (v.Name, v.TagKey, draft.Source, v.SourceKeys, draft.Method, v.FixedShares, draft.Order, draft.Enabled);
        (rule.UpdatedBy, rule.UpdatedAt) = (actor.Name, time.GetUtcNow());
        db.AuditEntries.Add(audit.Entry(actor, AuditActions.AllocationRuleEdit, rule.Name, $"{before} → {Describe(rule)}"));
        await db.SaveChangesAsync(ct);
        return rule;
    }

    public async Task DeleteAsync(Actor actor, long id, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageCostControls, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rule = await FindAsync(db, id, ct);
        db.AllocationRules.Remove(rule);
        db.AuditEntries.Add(audit.Entry(actor, AuditActions.AllocationRuleDelete, rule.Name, Describe(rule)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>"Shared platform: resource groups sub/rg-shared → cost-center, proportional, order 1".</summary>
    public static string Describe(AllocationRule r)
    {
        var source = r.Source switch
        {
            AllocationSource.Untagged => $"cost untagged by {r.TagKey}",
            AllocationSource.ResourceGroups => "resource groups " + string.Join(", ", AllocationEngine.SourceKeys(r).Order(StringComparer.Ordinal)),
            _ => "subscriptions " + string.Join(", ", AllocationEngine.SourceKeys(r).Order(StringComparer.Ordinal)),
        };
        var method = r.Method == AllocationMethod.Fixed
            ? "fixed " + string.Join(", ", FixedShares.FromJson(r.FixedShares).Select(s => $"{s.Key} {s.Value.ToString(CultureInfo.InvariantCulture)}%"))
            : "proportional to direct cost";
        return $"{source} → {r.TagKey} values, {method}, order {r.Order}{(r.Enabled ? "" : ", disabled")}";
    }

    private static async Task<AllocationRule> FindAsync(CostSenseDbContext db, long id, CancellationToken ct) =>
        await db.AllocationRules.SingleOrDefaultAsync(r => r.Id == id, ct)
        ?? throw new AllocationRuleException("That allocation rule no longer exists; reload the page.");

    private sealed record Valid(string Name, string TagKey, string SourceKeys, string? FixedShares);

    private static async Task<Valid> ValidateAsync(CostSenseDbContext db, AllocationRuleDraft draft, CancellationToken ct)
    {
        var name = draft.Name?.Trim() ?? "";
        if (name.Length == 0) throw new AllocationRuleException("Name: give the rule a name.");
        if (name.Length > MaxName) throw new AllocationRuleException($"Name: it is longer than {MaxName} characters.");
        var key = Costs.CostTags.NormalizeKey(draft.TagKey ?? "");
        if (key.Length == 0) throw new AllocationRuleException("Tag key: choose the tag key whose values receive the cost.");
        if (!await db.DailyTagRollups.AnyAsync(r => r.TagKey == key, ct))
            throw new AllocationRuleException($"Tag key: no cost in the store carries the tag key \"{key}\".");
        if (!Enum.IsDefined(draft.Source)) throw new AllocationRuleException("Source: choose resource groups, subscriptions or the untagged cost.");
        if (!Enum.IsDefined(draft.Method)) throw new AllocationRuleException("Method: choose proportional or fixed percentages.");

        var keys = (draft.SourceKeys ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        switch (draft.Source)
        {
            case AllocationSource.Untagged:
                keys = [];
                break;
            case AllocationSource.ResourceGroups:
            {
                if (keys.Count == 0) throw new AllocationRuleException("Source: choose at least one resource group.");
                var known = (await db.DailyCostRollups.AsNoTracking().Select(r => new { r.SubAccountId, r.ResourceGroup }).Distinct().ToListAsync(ct))
                    .Select(g => $"{g.SubAccountId}/{g.ResourceGroup}").ToHashSet(StringComparer.OrdinalIgnoreCase);
                var unknown = keys.Where(k => !known.Contains(k)).ToList();
                if (unknown.Count > 0) throw new AllocationRuleException($"Source: no cost in the store is in the resource group(s) {string.Join(", ", unknown)}.");
                break;
            }
            default:
            {
                if (keys.Count == 0) throw new AllocationRuleException("Source: choose at least one subscription.");
                var known = (await db.DailyCostRollups.AsNoTracking().Select(r => r.SubAccountId).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var unknown = keys.Where(k => !known.Contains(k)).ToList();
                if (unknown.Count > 0) throw new AllocationRuleException($"Source: no cost in the store is in the subscription(s) {string.Join(", ", unknown)}.");
                break;
            }
        }

        string? fixedJson = null;
        if (draft.Method == AllocationMethod.Fixed)
        {
            var shares = FixedShares.Parse(draft.FixedShares);
            if (shares.Count == 0) throw new AllocationRuleException("Fixed shares: give at least one \"value = percent\" line.");
            var sum = shares.Sum(s => s.Value);
            if (sum != 100m) throw new AllocationRuleException($"Fixed shares: the percentages add up to {sum.ToString(CultureInfo.InvariantCulture)}, not 100.");
            var names = shares.Select(s => s.Key).ToList();
            var known = (await db.DailyTagRollups.AsNoTracking().Where(r => r.TagKey == key && names.Contains(r.TagValue)).Select(r => r.TagValue)
                .Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var unknown = names.Where(n => !known.Contains(n)).ToList();
            if (unknown.Count > 0)
                throw new AllocationRuleException($"Fixed shares: no cost carries {key} = {string.Join(", ", unknown.Select(u => $"\"{u}\""))}.");
            fixedJson = FixedShares.ToJson(shares);
        }
        return new Valid(name, key, string.Join('\n', keys), fixedJson);
    }
}

/// <summary>What a rule's source may name: resource groups and subscriptions with cost in the store (key → display name).</summary>
public sealed record RuleSourceChoices(IReadOnlyList<KeyValuePair<string, string>> ResourceGroups, IReadOnlyList<KeyValuePair<string, string>> Subscriptions);
