using System.Net;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Deployment;

public class StoreUnavailableTests
{
    [Fact]
    public async Task WithPostgresUnreachable_TheAppStillServesAndSaysWhatToDo()
    {
        // Nothing listens on port 1.
        await using var app = TestApp.Start(new TestAppOptions
        {
            Settings = new Dictionary<string, string?> { ["ConnectionStrings:CostSense"] = "Host=127.0.0.1;Port=1;Database=costsense;Username=costsense;Password=secret-pw;Timeout=2" },
        });
        using var client = app.Client(redirects: true);

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"store-problem\"", html);
        Assert.Contains("PostgreSQL (ConnectionStrings:CostSense) could not be reached", html);
        Assert.DoesNotContain("secret-pw", html);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
    }
}
