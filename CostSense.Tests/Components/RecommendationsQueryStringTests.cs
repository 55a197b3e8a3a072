using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Web.Recommendations;
using Microsoft.AspNetCore.WebUtilities;

namespace CostSense.Tests.Components;

public sealed class RecommendationsQueryStringTests
{
    [Fact]
    public void QueryString_RoundTrips_EveryFilterAndTheSortButNoPaging()
    {
        var query = new RecommendationQuery(RecommendationKind.Storage, "logs & more", RecommendationCategory.AccessTier, RecommendationAction.ChangeAccessTier,
            RecommendationStatus.Open, 12.5m, "sub-1", "rg-data", "env=prod", "MonthlySavings", SortDescending: false, Skip: 50, Take: 25);

        var parsed = RecommendationQueryString.TryParse(QueryHelpers.ParseQuery(RecommendationQueryString.Build(query)), out var error);

        Assert.Null(error);
        Assert.Equal(query with { Skip = 0, Take = int.MaxValue }, parsed);
    }

    [Theory]
    [InlineData("?status=Open")]
    [InlineData("?kind=Network")]
    [InlineData("?kind=Compute&action=7")]
    [InlineData("?kind=Compute&minSavings=lots")]
    [InlineData("?kind=Compute&sort=DROP TABLE")]
    public void QueryString_WithAValueItDoesNotKnow_IsRefusedWithAReason(string text)
    {
        var parsed = RecommendationQueryString.TryParse(QueryHelpers.ParseQuery(text), out var error);

        Assert.Null(parsed);
        Assert.NotNull(error);
    }
}
