using System.Diagnostics;
using CostSense.Tests.Assistant.FakeOllama;
using CostSense.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Faults;

/// <summary>/health/live and /health/ready over the embedded store (no servers needed), and the assistant's Ollama check.</summary>
[Collection(nameof(FaultsCollection))]
public sealed class HealthEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
    private static readonly Dictionary<string, string?> NoDemo = new() { ["CostSense:Demo:Enabled"] = "false" };

    [Fact]
    public async Task Live_Is200WithoutRunningAnyCheck()
    {
        await using var app = FaultyApp.Start(postgres: false, settings: NoDemo);

        var (code, report) = await app.HealthAsync("/health/live");

        Assert.Equal(200, code);
        Assert.Equal("Healthy", report.Status);
        Assert.Empty(report.Checks);
    }

    [Fact]
    public async Task Ready_WithTheStoreUpAndOllamaDown_Is200Degraded_AndListsEachCheckWithWhatToDo()
    {
        await using var app = FaultyApp.Start(postgres: false, settings: NoDemo);

        var (code, report) = await app.AdminHealthAsync("/health/ready");

        Assert.Equal(200, code);
        Assert.Equal("Degraded", report.Status);
        Assert.Equal(["ollama", "store"], report.Checks.Select(c => c.Name).Order());
        Assert.Equal("Healthy", report["store"].Status);
        Assert.Equal("The SQLite store answered.", report["store"].Description);
        Assert.Equal("Degraded", report["ollama"].Status);
        Assert.Contains("is not reachable", report["ollama"].Description);
        Assert.Contains("Start Ollama (docker compose -f docker-compose.azure.yml up -d ollama) or correct Ollama:BaseUrl", report["ollama"].Description);
        Assert.All(report.Checks, c => Assert.True(c.DurationMs >= 0));
    }

    [Fact]
    public async Task Ready_WithOllamaAnswering_CallsItHealthy_AndDegradedWithinTwoSecondsWhenItIsCutOrSlow()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        await using var proxy = FaultProxy.Create("127.0.0.1", ollama.BaseUrl.Port);
        await using var app = FaultyApp.Start(postgres: false, settings: new Dictionary<string, string?>(NoDemo)
        {
            // A password in the URL must not reach the report.
            ["Ollama:BaseUrl"] = $"http://assistant:s3cret@127.0.0.1:{proxy.Port}/",
        });

        var (code, report) = await app.AdminHealthAsync("/health/ready");
        Assert.Equal((200, "Healthy"), (code, report["ollama"].Status));
        Assert.Equal("Healthy", report.Status);
        Assert.DoesNotContain("s3cret", report["ollama"].Description);
        Assert.DoesNotContain("assistant:", report["ollama"].Description);

        proxy.Stop();
        var clock = Stopwatch.StartNew();
        (code, report) = await app.HealthAsync("/health/ready");
        Log($"ready with Ollama cut: {clock.ElapsedMilliseconds} ms");
        Assert.Equal((200, "Degraded"), (code, report["ollama"].Status));

        proxy.Start();
        proxy.Delay = TimeSpan.FromSeconds(5);
        clock.Restart();
        (code, report) = await app.HealthAsync("/health/ready");
        Log($"ready with Ollama answering in 5 s: {clock.ElapsedMilliseconds} ms");
        Assert.Equal((200, "Degraded"), (code, report["ollama"].Status));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task HealthEndpoints_StayAnonymous_UnderTheAppsSignInPolicy()
    {
        await using var app = FaultyApp.Start(postgres: false, settings: NoDemo);

        Assert.Equal(200, (await app.HealthAsync("/health/live")).Code);
        Assert.Equal(200, (await app.HealthAsync("/health/ready")).Code);
        using var page = await app.Client.GetAsync("/", Ct);
        var landed = page.RequestMessage!.RequestUri!;
        Assert.True(page.StatusCode == System.Net.HttpStatusCode.Redirect || landed.AbsolutePath == "/Account/Login",
            $"An anonymous dashboard request answered {(int)page.StatusCode} at {landed}");
    }
}
