using CostSense.Core;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Sources.Demo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CostSense.Tests.Infrastructure;

/// <summary>
/// Core services wired exactly as the app wires them (AddCostSenseCore), over a store of their own: a fresh
/// SQLite file, or a fresh PostgreSQL database dropped afterwards. Tests never see each other's data.
/// </summary>
public sealed class CoreHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempStore _store;

    private CoreHost(IHost host, TempStore store) => (_host, _store) = (host, store);

    public IServiceProvider Services => _host.Services;

    /// <summary>The host's store; its <see cref="TempStore.Settings"/> let a second host share it (two instances on one database).</summary>
    public TempStore Store => _store;
    public FakeTimeProvider Time => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Starts the Core services at <paramref name="now"/> on a clock the test moves, over a new store (schema made).
    /// <paramref name="redis"/> caches in the CI's Redis; <paramref name="demoTenant"/> generates the demo tenant first.
    /// </summary>
    public static async Task<CoreHost> StartAsync(StoreKind kind, DateTimeOffset now, IDictionary<string, string?>? settings = null, bool redis = false,
        Action<IServiceCollection>? services = null, bool demoTenant = false)
    {
        var ct = TestContext.Current.CancellationToken;
        var store = TempStore.Create(kind);
        IHost? host = null;
        try
        {
            var config = TestSettings.Isolated(store);
            if (redis) config["ConnectionStrings:Redis"] = TestServers.RequireRedis();
            foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;

            var builder = Builder(store.Folder, config);
            builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
            services?.Invoke(builder.Services);
            host = builder.Build();
            await host.StartAsync(ct);
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            if (demoTenant) await host.Services.GetRequiredService<IDemoTenantService>().GenerateAsync(Actor.System, ct);
            return new CoreHost(host, store);
        }
        catch
        {
            host?.Dispose();
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The Core registrations on a builder in the Test environment, with exactly these settings and nothing built or
    /// started: for tests of start-up itself (options validation, retries) that drive the host by hand.
    /// </summary>
    public static HostApplicationBuilder Builder(string contentRoot, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot, EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddCostSenseCore();
        return builder;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _store.DisposeAsync();
    }
}
