using Microsoft.AspNetCore.Hosting;

namespace CostSense.Tests.Infrastructure;

/// <summary>The settings every in-process app under test starts from: its own SQLite file, no servers, no demo data.</summary>
public static class TestSettings
{
    public static IWebHostBuilder UseIsolatedStore(this IWebHostBuilder b, string root, bool demo = false) => b
        .UseEnvironment("Test")
        .UseSetting("CostSense:Store:SqlitePath", Path.Combine(root, "store.db"))
        .UseSetting("ConnectionStrings:CostSense", "")
        .UseSetting("ConnectionStrings:Redis", "")
        .UseSetting("CostSense:Demo:Enabled", demo ? "true" : "false")
        // Tests sign in often from one address; the limit itself is tested with a low value of its own.
        .UseSetting("CostSense:Auth:SignInsPerMinute", "10000");
}
