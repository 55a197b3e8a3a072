using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CostSense.Tests.Deployment;

public class StoreUnavailableTests
{
    [Fact]
    public async Task WithPostgresUnreachable_TheAppStillServesAndSaysWhatToDo()
    {
        // Nothing listens on port 1.
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Test");
            b.UseSetting("ConnectionStrings:CostSense", "Host=127.0.0.1;Port=1;Database=costsense;Username=costsense;Password=secret-pw;Timeout=2");
        });
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"store-problem\"", html);
        Assert.Contains("PostgreSQL (ConnectionStrings:CostSense) could not be reached", html);
        Assert.DoesNotContain("secret-pw", html);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
    }
}
