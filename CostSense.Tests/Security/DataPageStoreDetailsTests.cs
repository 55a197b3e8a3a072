using CostSense.Core.Access;
using CostSense.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Security;

/// <summary>The Data page tells everyone which store and cache the app uses, and only Admins where they are.</summary>
public sealed class DataPageStoreDetailsTests
{
    // Nothing listens on port 1: the page names the cache without reaching it.
    private const string RedisAddress = "127.0.0.1:1";
    private static readonly Dictionary<string, string?> Settings = new() { ["ConnectionStrings:Redis"] = RedisAddress };
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DataPage_ToAViewer_NamesTheStoreAndCache_WithoutTheFilePathOrTheRedisHost()
    {
        await using var app = await TestApp.StartAsync(Settings);
        using var viewer = await app.SignedInAsync(AppRoles.Viewer);

        var html = await viewer.GetStringAsync("/data", Ct);

        Assert.Contains("data-testid=\"store-database\"", html);
        Assert.Contains("SQLite", html);
        Assert.DoesNotContain(SqlitePath(app), html);
        Assert.DoesNotContain("store.db", html);
        Assert.DoesNotContain(RedisAddress, html);
    }

    [Fact]
    public async Task DataPage_ToAnAdmin_ShowsTheStoreFilePathAndTheRedisHost()
    {
        await using var app = await TestApp.StartAsync(Settings);
        using var admin = await app.SignedInAsync(AppRoles.Admin);

        var html = await admin.GetStringAsync("/data", Ct);

        Assert.Contains(SqlitePath(app), html);
        Assert.Contains(RedisAddress, html);
    }

    private static string SqlitePath(TestApp app) =>
        app.Services.GetRequiredService<IConfiguration>()["CostSense:Store:SqlitePath"] ?? throw new InvalidOperationException("TestApp sets no SQLite path.");
}
