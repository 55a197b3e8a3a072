using Microsoft.Extensions.Options;

namespace CostSense.Core.Sources.Azure;

/// <summary>
/// Checks on start what data annotations cannot: a switched-on connection has a scope, a service principal has its tenant
/// and client, and the endpoints are https. Messages name the setting, never a secret's value.
/// </summary>
public sealed class AzureOptionsValidator : IValidateOptions<AzureOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureOptions o)
    {
        var errors = new List<string>();
        if (o.UsesServicePrincipal && (string.IsNullOrWhiteSpace(o.TenantId) || string.IsNullOrWhiteSpace(o.ClientId)))
            errors.Add("CostSense:Azure:ClientSecret is set, so CostSense:Azure:TenantId and CostSense:Azure:ClientId must be set too (a service principal needs all three).");
        if (o.Enabled && o.SubscriptionIdList.Count == 0 && string.IsNullOrWhiteSpace(o.ManagementGroupId))
            errors.Add("CostSense:Azure:Enabled is true but there is no scope: set CostSense:Azure:SubscriptionIds (comma-separated) or CostSense:Azure:ManagementGroupId.");
        foreach (var id in o.SubscriptionIdList)
            if (!Guid.TryParse(id, out _))
                errors.Add($"CostSense:Azure:SubscriptionIds: '{id}' is not a subscription id (a GUID).");
        foreach (var scope in o.CostDetailsScopeList)
            if (!scope.StartsWith("/providers/microsoft.billing/billingaccounts/", StringComparison.Ordinal) || scope.Length <= "/providers/microsoft.billing/billingaccounts/".Length)
                errors.Add($"CostSense:Azure:CostDetailsScopes: '{scope}' is not a billing scope (/providers/Microsoft.Billing/billingAccounts/{{id}}, or a billing profile or department under it).");
        if (o.ResourceManagerEndpoint is not { Scheme: "https" })
            errors.Add("CostSense:Azure:ResourceManagerEndpoint must be an https URL.");
        if (o.AuthorityHost is not { Scheme: "https" })
            errors.Add("CostSense:Azure:AuthorityHost must be an https URL.");
        if (o.RetailPricesEndpoint is not { Scheme: "https" })
            errors.Add("CostSense:Azure:RetailPricesEndpoint must be an https URL.");
        if (!o.MetricsEndpoint.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || !Uri.TryCreate(o.MetricsEndpoint.Replace("{region}", "region"), UriKind.Absolute, out _))
            errors.Add("CostSense:Azure:MetricsEndpoint must be an https URL (with {region} where the region goes).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
