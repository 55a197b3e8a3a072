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

    [Fact]
    public async Task AzureClientSecret_IsNeitherLoggedNorShown_WhileTheDataPageDescribesTheConnection()
    {
        var logs = new LogCapture();
        const string clientId = "99999999-8888-7777-6666-555555555555";
        // Nothing listens on port 1: the scheduled sync fails to reach "Azure" and logs why.
        await using var app = await TestApp.StartAsync(new TestAppOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["CostSense:Azure:Enabled"] = "true",
                ["CostSense:Azure:TenantId"] = "11111111-2222-3333-4444-555555555555",
                ["CostSense:Azure:ClientId"] = clientId,
                ["CostSense:Azure:ClientSecret"] = Secret,
                ["CostSense:Azure:SubscriptionIds"] = "aaaaaaaa-0000-0000-0000-000000000001",
                ["CostSense:Azure:ResourceManagerEndpoint"] = "https://127.0.0.1:1/",
                ["CostSense:Azure:AuthorityHost"] = "https://127.0.0.1:1/",
                ["CostSense:Azure:StartupDelay"] = "00:00:00",
            },
            Logs = logs,
        });
        using var client = app.Client();
        await TestApp.SignInAsAdminAsync(client);

        // The schedule's first sync runs at start (none ran before): wait for its record.
        var sync = app.Get<CostSense.Core.Sources.Azure.AzureSync>();
        CostSense.Core.Data.Entities.AzureSyncRun? run = null;
        for (var i = 0; i < 600 && run?.FinishedAt is null; i++, await Task.Delay(100, Ct))
            run = (await sync.HistoryAsync(1, Ct)).FirstOrDefault();
        var data = await client.GetStringAsync("/data", Ct);

        Assert.Equal(CostSense.Core.Data.Entities.AzureSyncStatus.Failed, run!.Status);
        Assert.StartsWith("Signing in to Azure failed", run.Message);
        Assert.Contains($"Service principal {clientId}", data);
        Assert.Contains(run.Message!, System.Net.WebUtility.HtmlDecode(data));
        Assert.DoesNotContain(Secret, data);
        Assert.Contains(logs.Lines, line => line.Contains("Azure sync", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Secret, StringComparison.Ordinal));
    }
}
