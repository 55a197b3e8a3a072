using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CostSense.Tests.Azure.Fake;

/// <summary>
/// One Advisor recommendation of the fake tenant. <see cref="Extended"/> holds Advisor's extendedProperties as it sends them
/// (strings only; a key left out is missing, as Advisor often leaves savings and SKUs out).
/// </summary>
/// <param name="ResourceId">The impacted resource as ARM writes it (mixed case): a VM, or the subscription for a reservation.</param>
/// <param name="WithResourceMetadata">False: no resourceMetadata, so the resource comes from the recommendation id's prefix.</param>
public sealed record FakeAdvisorRecommendation(string SubscriptionId, string ResourceId, string Name, string TypeId, string Problem, string Solution,
    string ImpactedField, string ImpactedValue, IReadOnlyDictionary<string, string> Extended, string Category = "Cost", string Impact = "High",
    bool WithResourceMetadata = true)
{
    public string Id => $"{ResourceId}/providers/Microsoft.Advisor/recommendations/{Name}";
}

/// <summary>
/// Azure Advisor's recommendation list (<c>GET /subscriptions/{id}/providers/Microsoft.Advisor/recommendations</c>) in its
/// real shape: ARM paging with nextLink, <c>$filter=Category eq 'Cost'</c> honoured (without it, the other categories come
/// too), and the items built from the <see cref="FakeTenant"/>'s VMs by <see cref="For"/>.
/// </summary>
public static class FakeAdvisor
{
    public const string LowUsageVm = "e10b1381-5f0a-47ff-8c7b-37bd13d7c974";
    public const string VmReservedInstance = "84b1a508-fc21-49da-979e-96894f1665df";
    public const string LowUsageText = "Right-size or shutdown underutilized virtual machines";

    /// <summary>
    /// Advisor's view of <paramref name="tenant"/>: the VMs in turn get a right-size to the next smaller size with savings, a
    /// shutdown, a right-size whose savings and SKUs Advisor left out, and nothing; each subscription gets a 3-year reservation
    /// for its first VM's size (subscription-wide) and one high-availability recommendation the cost filter must leave out.
    /// </summary>
    public static IReadOnlyList<FakeAdvisorRecommendation> For(FakeTenant tenant)
    {
        var items = new List<FakeAdvisorRecommendation>();
        for (var i = 0; i < tenant.Vms.Count; i++)
        {
            var vm = tenant.Vms[i];
            var name = $"{i + 1:00000000}-aaaa-4bbb-8ccc-000000000000";
            switch (i % 4)
            {
                case 0:
                    items.Add(LowUsage(vm, name, Smaller(vm.Size), "41.9", "502.8"));
                    break;
                case 1:
                    items.Add(LowUsage(vm, name, "Shutdown", "120.45", "1445.4"));
                    break;
                case 2:
                    // Savings and SKUs missing, and no resourceMetadata: "not given", and the resource from the id.
                    items.Add(new FakeAdvisorRecommendation(vm.SubscriptionId, vm.Id, name, LowUsageVm, LowUsageText, LowUsageText,
                        "Microsoft.Compute/virtualMachines", vm.Name, new Dictionary<string, string>
                        {
                            ["recommendationType"] = "SkuChange", ["savingsAmount"] = "", ["regionId"] = vm.Region, ["subscriptionId"] = vm.SubscriptionId,
                        }, WithResourceMetadata: false));
                    break;
            }
        }
        foreach (var s in tenant.Subscriptions)
        {
            if (tenant.Vms.FirstOrDefault(v => v.SubscriptionId == s.Id) is not { } first) continue;
            items.Add(new FakeAdvisorRecommendation(s.Id, $"/subscriptions/{s.Id}", $"ri-{s.Id[..8]}", VmReservedInstance,
                "Buy virtual machine reserved instances to save money over pay-as-you-go costs", "Buy virtual machine reserved instances to save money over pay-as-you-go costs",
                "Microsoft.Subscriptions/subscriptions", s.Id, new Dictionary<string, string>
                {
                    ["vmSize"] = first.Size, ["displaySKU"] = first.Size, ["term"] = "P3Y", ["lookbackPeriod"] = "30", ["region"] = first.Region,
                    ["location"] = first.Region, ["targetResourceCount"] = "1", ["scope"] = "Single", ["reservedResourceType"] = "VirtualMachines",
                    ["savingsAmount"] = "88.1", ["annualSavingsAmount"] = "1057.2", ["savingsCurrency"] = "USD", ["subId"] = s.Id,
                }));
            items.Add(new FakeAdvisorRecommendation(s.Id, first.Id, $"ha-{s.Id[..8]}", "651c7925-17a3-42e5-85cd-73bd095cf27f",
                "Use Availability zones for better resiliency and availability", "Use Availability zones for better resiliency and availability",
                "Microsoft.Compute/virtualMachines", first.Name, new Dictionary<string, string>(), Category: "HighAvailability", Impact: "Medium"));
        }
        return items;
    }

    /// <summary>Serves <paramref name="items"/> (default <see cref="For"/> the tenant) per subscription, <paramref name="pageSize"/> a page.</summary>
    public static void Map(IEndpointRouteBuilder app, FakeTenant tenant, IReadOnlyList<FakeAdvisorRecommendation>? items = null, int pageSize = 2)
    {
        var all = items ?? For(tenant);
        app.MapGet("/subscriptions/{subscriptionId}/providers/Microsoft.Advisor/recommendations", (HttpContext context, string subscriptionId) =>
        {
            var filter = context.Request.Query["$filter"].ToString();
            var costOnly = filter.Replace(" ", "").Equals("Categoryeq'Cost'", StringComparison.OrdinalIgnoreCase);
            var page = all
                .Where(r => r.SubscriptionId.Equals(subscriptionId, StringComparison.OrdinalIgnoreCase))
                .Where(r => !costOnly || r.Category == "Cost")
                .Select(Shape)
                .ToList();
            return FakeAzureServer.Page(context, page, pageSize);
        });
    }

    /// <summary>A "Right-size or shutdown underutilized virtual machines" item with every field Advisor gives when it gives them.</summary>
    public static FakeAdvisorRecommendation LowUsage(FakeVm vm, string name, string targetSku, string monthly, string annual) =>
        new(vm.SubscriptionId, vm.Id, name, LowUsageVm, LowUsageText, LowUsageText, "Microsoft.Compute/virtualMachines", vm.Name,
            new Dictionary<string, string>
            {
                ["recommendationType"] = targetSku == "Shutdown" ? "Shutdown" : "SkuChange", ["currentSku"] = vm.Size, ["targetSku"] = targetSku,
                ["savingsAmount"] = monthly, ["annualSavingsAmount"] = annual, ["savingsCurrency"] = "USD", ["deploymentId"] = Guid.Empty.ToString(),
                ["roleName"] = vm.Name, ["regionId"] = vm.Region, ["subscriptionId"] = vm.SubscriptionId, ["MaxCpuP95"] = "3.2",
                ["MaxMemoryP95"] = "21.5", ["MaxTotalNetworkP95"] = "0.4", ["lookbackPeriod"] = "7",
            });

    /// <summary>The next smaller size of the same family ("Standard_D4s_v5" → "Standard_D2s_v5"); the same size when there is none.</summary>
    public static string Smaller(string size)
    {
        var digits = new string(size.SkipWhile(c => !char.IsDigit(c)).TakeWhile(char.IsDigit).ToArray());
        if (!int.TryParse(digits, out var n) || n < 2) return size;
        var at = size.IndexOf(digits, StringComparison.Ordinal);
        return size[..at] + (n / 2) + size[(at + digits.Length)..];
    }

    private static object Shape(FakeAdvisorRecommendation r)
    {
        var properties = new Dictionary<string, object?>
        {
            ["category"] = r.Category,
            ["impact"] = r.Impact,
            ["impactedField"] = r.ImpactedField,
            ["impactedValue"] = r.ImpactedValue,
            ["lastUpdated"] = "2026-11-19T06:12:33.5474537Z",
            ["recommendationTypeId"] = r.TypeId,
            ["shortDescription"] = new { problem = r.Problem, solution = r.Solution },
            ["extendedProperties"] = r.Extended,
            ["suppressionIds"] = null,
        };
        if (r.WithResourceMetadata)
            properties["resourceMetadata"] = new { resourceId = r.ResourceId, source = r.ResourceId, singular = (string?)null, plural = (string?)null };
        return new { id = r.Id, name = r.Name, type = "Microsoft.Advisor/recommendations", properties };
    }
}
