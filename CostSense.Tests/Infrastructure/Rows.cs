using CostSense.Core.Data.Entities;

namespace CostSense.Tests.Infrastructure;

/// <summary>Hand-made cost rows for store tests.</summary>
public static class Rows
{
    public static CostRecord Cost(DateOnly day, decimal cost, string subscription = "sub-a", string service = "Virtual Machines",
        string resourceGroup = "rg-a", string region = "eastus", string? environment = "prod", string currency = "USD") => new()
    {
        Source = "test",
        ChargePeriodStart = day,
        BillingAccountId = "ba-1",
        SubAccountId = subscription,
        SubAccountName = $"Subscription {subscription}",
        ResourceGroup = resourceGroup,
        ResourceId = $"/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/x/{service}",
        ServiceName = service,
        ServiceCategory = "Compute",
        RegionId = region,
        BilledCost = cost,
        EffectiveCost = cost,
        ListCost = cost,
        BillingCurrency = currency,
        TagEnvironment = environment,
        TagCostCenter = "CC-1",
    };

    /// <summary>One row a day over [from, to] at the same cost.</summary>
    public static IEnumerable<CostRecord> Daily(DateOnly from, DateOnly to, decimal cost, string subscription = "sub-a", string service = "Virtual Machines")
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return Cost(d, cost, subscription, service);
    }
}
