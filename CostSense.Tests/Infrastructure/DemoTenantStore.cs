namespace CostSense.Tests.Infrastructure;

/// <summary>One seeded demo tenant on SQLite for tests that only read it (generating it takes seconds).</summary>
public sealed class DemoTenantStore : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public CoreHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await CoreHost.StartAsync(StoreKind.Sqlite, Now, demoTenant: true);

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
