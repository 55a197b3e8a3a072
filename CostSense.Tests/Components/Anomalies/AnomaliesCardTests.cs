using Bunit;
using CostSense.Core.Anomalies;
using CostSense.Core.Data.Entities;
using CostSense.Web.Components.Pages.Anomalies;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Components.Anomalies;

public sealed class AnomaliesCardTests : ComponentTestBase
{
    private readonly FakeAnomalyService _anomalies = new();

    public AnomaliesCardTests() => Services.AddSingleton<IAnomalyService>(_anomalies);

    [Fact]
    public void Card_CountsTheNewAnomalies_AndNamesTheThreeLargestWithTheirSummariesAndLinks()
    {
        var cut = Render<AnomaliesCard>();

        cut.WaitForAssertion(() => Assert.Equal("4", cut.Find("[data-testid='anomalies-new-count']").TextContent.Trim()));
        Assert.Equal(AnomalyStatus.New, Assert.Single(_anomalies.Queries).Status);
        // New ones by excess: the production spike (+$480.00), rg-batch (+$412.10), the total (+$150.00); storage (+$55.00) is left out.
        var items = cut.FindAll("[data-testid='anomalies-card-item']");
        Assert.Equal(["+$480.00", "+$412.10", "+$150.00"], items.Select(i => i.QuerySelector("[data-testid='anomalies-card-excess']")!.TextContent.Trim()));
        Assert.Equal(["/anomalies?id=4", "/anomalies?id=1", "/anomalies?id=5"], items.Select(i => i.QuerySelector("[data-testid='anomalies-card-link']")!.GetAttribute("href")));
        Assert.Contains(AnomalySamples.BatchVm.Summary, items[1].TextContent);
        Assert.Equal("/anomalies", cut.Find("[data-testid='anomalies-page-link']").GetAttribute("href"));
        Assert.Equal("All 4 new anomalies", cut.Find("[data-testid='anomalies-page-link']").TextContent.Trim());
    }

    [Fact]
    public void Card_WithTopOne_NamesOnlyTheLargest()
    {
        var cut = Render<AnomaliesCard>(p => p.Add(c => c.Top, 1));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid='anomalies-card-item']")));
        Assert.Contains(AnomalySamples.ProductionSpike.Summary, cut.Find("[data-testid='anomalies-card-item']").TextContent);
    }

    [Fact]
    public void Card_WhenEveryAnomalyIsTriaged_SaysQuietlyThatThereAreNoNewOnes()
    {
        _anomalies.Items.RemoveAll(a => a.Status == AnomalyStatus.New);

        var cut = Render<AnomaliesCard>();

        cut.WaitForAssertion(() => Assert.StartsWith("No new anomalies.", cut.Find("[data-testid='anomalies-none']").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid='anomalies-new-count']"));
        Assert.Empty(cut.FindAll("[data-testid='anomalies-card-item']"));
    }

    [Fact]
    public void Card_WhenTheStoreFails_SaysAnomaliesAreUnavailable_InsteadOfBreakingTheDashboard()
    {
        _anomalies.Failure = new TimeoutException("no answer");

        var cut = Render<AnomaliesCard>();

        cut.WaitForAssertion(() => Assert.Equal("Anomalies are not available right now.", cut.Find("[data-testid='anomalies-unavailable']").TextContent.Trim()));
    }
}
