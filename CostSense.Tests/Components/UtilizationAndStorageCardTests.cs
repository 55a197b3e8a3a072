using Bunit;
using CostSense.Core.Costs;
using CostSense.Web.Components.Pages.Dashboard;

namespace CostSense.Tests.Components;

public sealed class UtilizationAndStorageCardTests : ComponentTestBase
{
    [Fact]
    public void UtilizationCard_ShowsRunningVmsAndEachPercentWithOneDecimal()
    {
        var cut = Render<UtilizationCard>(p => p.Add(c => c.Utilization, new FleetUtilization(42, 23.4, 61.26, 48, 70.5)));

        Assert.Equal("42", cut.Find("[data-testid='util-vms']").TextContent.Trim());
        Assert.Equal("23.4%", cut.Find("[data-testid='util-cpu-avg']").TextContent.Trim());
        Assert.Equal("61.3%", cut.Find("[data-testid='util-cpu-p95']").TextContent.Trim());
        Assert.Equal("48.0%", cut.Find("[data-testid='util-mem-avg']").TextContent.Trim());
        Assert.Equal("70.5%", cut.Find("[data-testid='util-mem-p95']").TextContent.Trim());
        Assert.Contains("avg of daily P95", cut.Markup);
    }

    [Fact]
    public void UtilizationCard_WithNoVms_SaysThereAreNoMetrics()
    {
        var cut = Render<UtilizationCard>(p => p.Add(c => c.Utilization, FleetUtilization.None));

        Assert.Contains("No VM metrics in this range.", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid='util-cpu-avg']"));
    }

    [Fact]
    public void StorageTierCard_ShowsTierAccountsAndCapacityInGibOrTib()
    {
        IReadOnlyList<StorageTierCapacity> tiers = [new("Hot", 3, 2048), new("Cool", 2, 512.3)];

        var cut = Render<StorageTierCard>(p => p.Add(c => c.Tiers, tiers));

        var rows = cut.FindAll("[data-testid='storage-row']")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(["Hot", "3", "2.00 TiB"], rows[0]);
        Assert.Equal(["Cool", "2", "512.3 GiB"], rows[1]);
    }
}
