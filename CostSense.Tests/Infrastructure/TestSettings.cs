namespace CostSense.Tests.Infrastructure;

/// <summary>The settings every app under test starts from: its own store, no Redis, no demo data unless asked.</summary>
public static class TestSettings
{
    public static Dictionary<string, string?> Isolated(TempStore store, bool demo = false) => new(store.Settings)
    {
        ["ConnectionStrings:Redis"] = "",
        ["CostSense:Demo:Enabled"] = demo ? "true" : "false",
        // Tests sign in often from one address; the limit itself is tested with a low value of its own.
        ["CostSense:Auth:SignInsPerMinute"] = "10000",
    };
}
