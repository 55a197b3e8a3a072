using CostSense.Core.Data.Entities;

namespace CostSense.Core.Costs;

/// <summary>
/// One scope cost is watched at (anomalies), budgeted at (budgets) or shown at: the tenant, a subscription, a resource
/// group, a service, or a tag value. <see cref="Key"/> identifies it (see <see cref="CostScopeKind"/>); <see cref="Name"/>
/// is what an analyst reads.
/// </summary>
public sealed record CostScope(CostScopeKind Kind, string Key, string Name)
{
    public static CostScope Total { get; } = new(CostScopeKind.Total, "", "All cost");

    public static CostScope Subscription(string id, string name) => new(CostScopeKind.Subscription, id, name);

    public static CostScope ResourceGroup(string subscriptionId, string group, string subscriptionName) =>
        new(CostScopeKind.ResourceGroup, $"{subscriptionId}/{group}", $"{group} ({subscriptionName})");

    public static CostScope Service(string name) => new(CostScopeKind.Service, name, name);

    public static CostScope Tag(string key, string value)
    {
        var k = CostTags.NormalizeKey(key);
        return new(CostScopeKind.Tag, $"{k}={value}", $"{k}={value}");
    }

    /// <summary>A resource group key split back into its subscription id and name (the group name may not hold '/').</summary>
    public static (string SubscriptionId, string Group) SplitResourceGroup(string key)
    {
        var slash = key.LastIndexOf('/');
        return slash < 0 ? ("", key) : (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>A tag key split back into the tag's key and value (the first '=' separates them: keys hold none).</summary>
    public static (string TagKey, string TagValue) SplitTag(string key)
    {
        var eq = key.IndexOf('=');
        return eq < 0 ? (key, "") : (key[..eq], key[(eq + 1)..]);
    }

    /// <summary>"resource group rg-prod-web (Contoso Production)", "tag team=payments", "all cost".</summary>
    public string Describe() => Kind switch
    {
        CostScopeKind.Total => "all cost",
        CostScopeKind.Subscription => $"subscription {Name}",
        CostScopeKind.ResourceGroup => $"resource group {Name}",
        CostScopeKind.Service => $"service {Name}",
        _ => $"tag {Name}",
    };
}

/// <summary>One scope's cost on one day.</summary>
public sealed record ScopeDailyCost(CostScope Scope, DateOnly Date, decimal Cost);
