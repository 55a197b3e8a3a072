using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Security;

public class SecretsTests
{
    private const string Secret = "secret-pw-4711";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostgresUnreachable_NeitherLogsNorPagesShowItsPassword()
    {
        var logs = new LogCapture();
        // Nothing listens on port 1.
        await using var app = TestApp.Start(new TestAppOptions
        {
            Settings = new Dictionary<string, string?> { ["ConnectionStrings:CostSense"] = $"Host=127.0.0.1;Port=1;Database=costsense;Username=costsense;Password={Secret};Timeout=2" },
            Logs = logs,
        });
        using var client = app.Client(redirects: true);

        var pages = await Task.WhenAll(client.GetStringAsync("/", Ct), client.GetStringAsync("/data", Ct));

        Assert.Contains(logs.Lines, line => line.Contains("Store start-up failed", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Secret, StringComparison.Ordinal));
        Assert.All(pages, html => Assert.DoesNotContain(Secret, html));
    }

    [Fact]
    public async Task RedisUnreachable_NeitherLogsNorTheDataPageShowItsPassword()
    {
        var logs = new LogCapture();
        // The password first: StackExchange.Redis takes its options in any order.
        await using var app = await TestApp.StartAsync(new TestAppOptions
        {
            Settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = $"password={Secret},127.0.0.1:1" },
            Logs = logs,
        });
        using var client = app.Client();
        await TestApp.SignInAsAdminAsync(client);

        var dashboard = await client.GetStringAsync("/", Ct);
        var data = await client.GetStringAsync("/data", Ct);

        Assert.Contains("127.0.0.1:1", data);
        Assert.DoesNotContain(Secret, data);
        Assert.DoesNotContain(Secret, dashboard);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Secret, StringComparison.Ordinal));
    }
}
