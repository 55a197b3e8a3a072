using System.Net;
using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Web.Account;
using CostSense.Web.Recommendations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Components;

/// <summary>The export endpoint alone, in a minimal host signed in as a Viewer, over the in-memory service.</summary>
public sealed class RecommendationsExportTests
{
    private readonly FakeRecommendationService _recs = new();

    private async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<IRecommendationService>(_recs);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAuthorizationBuilder().AddPermissionPolicies();
        var app = builder.Build();
        app.Use((context, next) =>
        {
            context.User = TestAuthentication.Principal("viewer@example.test", AppRoles.Viewer);
            return next(context);
        });
        app.UseAuthorization();
        app.MapRecommendationExport();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    [Fact]
    public async Task Export_WritesExactlyTheFilteredRowsAsAnAttachment()
    {
        _recs.Items.AddRange([RecommendationSamples.Vm("vm-big", 140m), RecommendationSamples.Vm("vm-small", 5m), RecommendationSamples.Account("stlogs", 25m)]);
        await using var app = await StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await app.GetTestClient().GetAsync("/recommendations/export.csv?kind=Compute&minSavings=10", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("vm-big,140\n", (await response.Content.ReadAsStringAsync(ct)).ReplaceLineEndings("\n"));
        Assert.Equal(new RecommendationQuery(RecommendationKind.Compute, MinMonthlySavings: 10m, Take: int.MaxValue), Assert.Single(_recs.CsvQueries));
    }

    [Fact]
    public async Task Export_WithAnUnknownKind_IsABadRequest()
    {
        await using var app = await StartAsync();

        using var response = await app.GetTestClient().GetAsync("/recommendations/export.csv?kind=Network", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_recs.CsvQueries);
    }
}
