using CostSense.Core;
using CostSense.Core.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CostSense.Tests.Infrastructure;

public enum StoreKind { Sqlite, Postgres }

/// <summary>
/// Core services wired exactly as the app wires them (AddCostSenseCore), over a store of their own: a fresh
/// SQLite file, or a fresh PostgreSQL database dropped afterwards. Tests never see each other's data.
/// </summary>
public sealed class CoreHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _root;
    private readonly PostgresDatabase? _database;

    private CoreHost(IHost host, string root, PostgresDatabase? database) => (_host, _root, _database) = (host, root, database);

    public IServiceProvider Services => _host.Services;
    public FakeTimeProvider Time => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<CoreHost> StartAsync(StoreKind kind, DateTimeOffset now, IDictionary<string, string?>? settings = null, bool redis = false,
        Action<IServiceCollection>? services = null)
    {
        var root = Directory.CreateTempSubdirectory("costsense-test-").FullName;
        var config = new Dictionary<string, string?>
        {
            ["CostSense:Demo:Enabled"] = "false",
            ["CostSense:Store:SqlitePath"] = Path.Combine(root, "store.db"),
        };
        PostgresDatabase? database = null;
        if (kind == StoreKind.Postgres)
        {
            database = PostgresDatabase.Create();
            config["ConnectionStrings:CostSense"] = database.ConnectionString;
        }
        if (redis) config["ConnectionStrings:Redis"] = TestServers.RequireRedis();
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root, EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(config);
        builder.AddCostSenseCore();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(TestContext.Current.CancellationToken);
        return new CoreHost(host, root, database);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        if (_database is not null) await _database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
