using Bunit;
using CostSense.Core.Costs;
using CostSense.Web.Components.Pages.Dashboard;

namespace CostSense.Tests.Components;

public sealed class BreakdownCardTests : ComponentTestBase
{
    [Fact]
    public void BreakdownCard_RendersNamesCostsAndSharesInTheGivenOrder()
    {
        IReadOnlyList<CostShare> items =
        [
            new("vm", "Virtual Machines", 1234.5m, 61.7m),
            new("st", "Storage Accounts", 600m, 30m),
            new("other", "Other (3)", 165.5m, 8.3m),
        ];

        var cut = Render<BreakdownCard>(p => p.Add(c => c.Title, "Top services").Add(c => c.Items, items).Add(c => c.Currency, "EUR"));

        var rows = cut.FindAll("[data-testid='breakdown-row']")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["Virtual Machines", "€1,234.50", "61.7%"], rows[0]);
        Assert.Equal(["Storage Accounts", "€600.00", "30.0%"], rows[1]);
        Assert.Equal(["Other (3)", "€165.50", "8.3%"], rows[2]);
        Assert.Contains("Top services", cut.Markup);
    }

    [Fact]
    public void BreakdownCard_WithNoItems_SaysThereIsNoCost()
    {
        var cut = Render<BreakdownCard>(p => p.Add(c => c.Title, "Regions").Add(c => c.Items, []).Add(c => c.Currency, "USD"));

        Assert.Empty(cut.FindAll("[data-testid='breakdown-row']"));
        Assert.Contains("No cost in this range.", cut.Markup);
    }
}
