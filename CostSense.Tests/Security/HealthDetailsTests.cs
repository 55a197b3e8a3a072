using System.Text.Json;
using CostSense.Core.Access;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Security;

/// <summary>
/// /health/ready answers anyone (probes do not sign in), so what it says to anyone is status words only; the checks'
/// descriptions, which name the Ollama URL and say where the store and Redis are, are for Admins.
/// </summary>
public sealed class HealthDetailsTests
{
    // Nothing serves port 9 (discard), so the Ollama check is Degraded and its description names this address.
    private const string OllamaAddress = "127.0.0.1:9";
    private static readonly Dictionary<string, string?> Settings = new() { ["Ollama:BaseUrl"] = $"http://{OllamaAddress}" };
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ready_ToAnAnonymousCaller_SaysEachChecksNameAndStatus_AndNothingElse()
    {
        await using var app = await TestApp.StartAsync(Settings);

        using var client = app.Client();

        var (code, body) = await ReadyAsync(client);

        Assert.Equal(200, code);
        Assert.DoesNotContain(OllamaAddress, body);
        Assert.DoesNotContain("http", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("not reachable", body);
        Assert.DoesNotContain("SQLite", body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(["checks", "status"], json.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("Degraded", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.All(checks, c => Assert.Equal(["name", "status"], c.EnumerateObject().Select(p => p.Name).Order()));
        Assert.Equal([("ollama", "Degraded"), ("store", "Healthy")],
            checks.Select(c => (c.GetProperty("name").GetString(), c.GetProperty("status").GetString())).Order());
    }

    [Fact]
    public async Task Ready_ToASignedInViewer_HidesTheDetailsToo()
    {
        await using var app = await TestApp.StartAsync(Settings);

        using var viewer = await app.SignedInAsync(AppRoles.Viewer);

        var (code, body) = await ReadyAsync(viewer);

        Assert.Equal(200, code);
        Assert.Contains("\"ollama\"", body);
        Assert.DoesNotContain(OllamaAddress, body);
        Assert.DoesNotContain("description", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ready_ToASignedInAdmin_DescribesEachCheck_NamingTheOllamaUrl()
    {
        await using var app = await TestApp.StartAsync(Settings);

        using var admin = await app.SignedInAsync(AppRoles.Admin);

        var (code, body) = await ReadyAsync(admin);

        Assert.Equal(200, code);
        using var json = JsonDocument.Parse(body);
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Contains($"Ollama at http://{OllamaAddress} (Ollama:BaseUrl) is not reachable", checks["ollama"].GetProperty("description").GetString());
        Assert.Equal("The SQLite store answered.", checks["store"].GetProperty("description").GetString());
        Assert.True(checks["store"].GetProperty("durationMs").GetDouble() >= 0);
    }

    private static async Task<(int Code, string Body)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready", Ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }
}
