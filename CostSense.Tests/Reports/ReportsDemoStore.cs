using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Reports;

/// <summary>One demo tenant on SQLite for the report tests that only read it, at a fixed clock.</summary>
public sealed class ReportsDemoStore : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public CoreHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await CoreHost.StartAsync(StoreKind.Sqlite, Now, demoTenant: true);

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
