using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CostSense.Tests.Azure.Fake;

/// <summary>A subscription the fake tenant has.</summary>
public sealed record FakeSubscription(string Id, string DisplayName, string TenantId = "11111111-2222-3333-4444-555555555555");

/// <summary>
/// Resource Manager's subscription list (paged, as the identity sees it) and a management group's descendants, in their
/// real shapes.
/// </summary>
public static class FakeArm
{
    /// <summary>GET /subscriptions, <paramref name="pageSize"/> per page with nextLink.</summary>
    public static void MapSubscriptions(IEndpointRouteBuilder app, IReadOnlyList<FakeSubscription> subscriptions, int pageSize = 2) =>
        app.MapGet("/subscriptions", context => FakeAzureServer.Page(context, subscriptions.Select(s => new
        {
            id = $"/subscriptions/{s.Id}",
            subscriptionId = s.Id,
            tenantId = s.TenantId,
            displayName = s.DisplayName,
            state = "Enabled",
            subscriptionPolicies = new { locationPlacementId = "Public_2014-09-01", quotaId = "PayAsYouGo_2014-09-01", spendingLimit = "Off" },
            authorizationSource = "RoleBased",
        }).ToList(), pageSize));

    /// <summary>GET the management group's descendants: one child group and the subscriptions, two per page.</summary>
    public static void MapManagementGroup(IEndpointRouteBuilder app, string groupId, IReadOnlyList<FakeSubscription> subscriptions) =>
        app.MapGet($"/providers/Microsoft.Management/managementGroups/{groupId}/descendants", context =>
        {
            var items = new List<object>
            {
                new
                {
                    id = $"/providers/Microsoft.Management/managementGroups/{groupId}-child",
                    type = "Microsoft.Management/managementGroups",
                    name = $"{groupId}-child",
                    properties = new { displayName = "Child", parent = new { id = $"/providers/Microsoft.Management/managementGroups/{groupId}" } },
                },
            };
            items.AddRange(subscriptions.Select(s => (object)new
            {
                id = $"/providers/Microsoft.Management/managementGroups/{groupId}-child/subscriptions/{s.Id}",
                type = "Microsoft.Management/managementGroups/subscriptions",
                name = s.Id,
                properties = new { displayName = s.DisplayName, parent = new { id = $"/providers/Microsoft.Management/managementGroups/{groupId}-child" } },
            }));
            return FakeAzureServer.Page(context, items, 2);
        });
}
