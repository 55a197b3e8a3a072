using System.ComponentModel.DataAnnotations;

namespace CostSense.Core.Sources.Azure;

/// <summary>
/// The live Azure connection (<c>CostSense:Azure:*</c>), off until <see cref="Enabled"/>. A service principal when
/// <see cref="ClientSecret"/> is set (with <see cref="TenantId"/> and <see cref="ClientId"/>), DefaultAzureCredential
/// (managed identity, workload identity, Azure CLI login) otherwise. The secret comes from configuration, the environment
/// or user secrets only: it is never stored, shown or logged (<see cref="ToString"/> leaves it out).
/// The endpoints default to Azure's public cloud; tests point them at a fake.
/// </summary>
public sealed class AzureOptions
{
    public const string Section = "CostSense:Azure";

    /// <summary>Whether CostSense reads Azure at all (the schedule and Sync now).</summary>
    public bool Enabled { get; set; }

    /// <summary>The Entra tenant of the service principal (or of DefaultAzureCredential, when set).</summary>
    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The service principal's secret; without it DefaultAzureCredential signs in.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Subscription ids to read, separated by commas, semicolons or spaces (one setting, so an environment variable can hold them).</summary>
    public string? SubscriptionIds { get; set; }

    /// <summary>A management group whose subscriptions are read (listed at each sync), instead of or beside <see cref="SubscriptionIds"/>.</summary>
    public string? ManagementGroupId { get; set; }

    /// <summary>How often the background sync runs.</summary>
    [Range(typeof(TimeSpan), "00:15:00", "7.00:00:00", ErrorMessage = "CostSense:Azure:SyncInterval must be between 15 minutes and 7 days.")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How long after start the schedule looks at its first sync: the app warms up first, and instances restarted together
    /// do not all reach for Azure at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "CostSense:Azure:StartupDelay must be between 0 and 1 day.")]
    public TimeSpan StartupDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Months of cost read on the first sync, the open month included; closed months the store has are never read again.</summary>
    [Range(1, 36, ErrorMessage = "CostSense:Azure:CostMonths must be between 1 and 36.")]
    public int CostMonths { get; set; } = 3;

    /// <summary>How often the open month's costs are read again (Azure refreshes cost data about every 4 hours).</summary>
    [Range(typeof(TimeSpan), "00:30:00", "1.00:00:00", ErrorMessage = "CostSense:Azure:OpenMonthRefresh must be between 30 minutes and 1 day.")]
    public TimeSpan OpenMonthRefresh { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Where Entra ID signs the service principal in (a sovereign cloud has its own, e.g. https://login.microsoftonline.us/).</summary>
    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>
    /// EA or MCA billing scopes (<c>/providers/Microsoft.Billing/billingAccounts/{id}</c>, a billing profile under it …),
    /// separated by commas, semicolons or spaces, whose costs are read as full cost details (generateCostDetailsReport, then
    /// the CSV files through the import pipeline) instead of the per-subscription Query API. Empty: the Query API.
    /// </summary>
    public string? CostDetailsScopes { get; set; }

    /// <summary>Azure Resource Manager (inventory, Cost Management, Advisor).</summary>
    public Uri ResourceManagerEndpoint { get; set; } = new("https://management.azure.com/");

    /// <summary>The token audience of Resource Manager.</summary>
    public string ResourceManagerAudience { get; set; } = "https://management.azure.com";

    /// <summary>Azure Monitor's batch metrics endpoint; <c>{region}</c> is replaced by the resources' region.</summary>
    public string MetricsEndpoint { get; set; } = "https://{region}.metrics.monitor.azure.com/";

    /// <summary>The token audience of the batch metrics endpoint.</summary>
    public string MetricsAudience { get; set; } = "https://metrics.monitor.azure.com";

    /// <summary>The Azure Retail Prices API (no credential).</summary>
    public Uri RetailPricesEndpoint { get; set; } = new("https://prices.azure.com/");

    /// <summary>The subscription ids of <see cref="SubscriptionIds"/>, lower case, each once.</summary>
    public IReadOnlyList<string> SubscriptionIdList =>
        (SubscriptionIds ?? "").Split([',', ';', ' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant()).Distinct().ToList();

    /// <summary>The scopes of <see cref="CostDetailsScopes"/>, lower case, without a trailing slash, each once.</summary>
    public IReadOnlyList<string> CostDetailsScopeList =>
        (CostDetailsScopes ?? "").Split([',', ';', ' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => "/" + s.Trim('/').ToLowerInvariant()).Distinct().ToList();

    /// <summary>Whether a service principal signs in (a secret is set), rather than DefaultAzureCredential.</summary>
    public bool UsesServicePrincipal => !string.IsNullOrWhiteSpace(ClientSecret);

    /// <summary>The connection in words, never the secret.</summary>
    public override string ToString() =>
        $"Azure {(Enabled ? "on" : "off")}, {(UsesServicePrincipal ? $"service principal {ClientId} in tenant {TenantId}" : "DefaultAzureCredential")}, " +
        $"scope {(ManagementGroupId is { Length: > 0 } mg ? $"management group {mg}" : "")}{(SubscriptionIdList.Count > 0 ? $" subscriptions {string.Join(", ", SubscriptionIdList)}" : "")}";
}
