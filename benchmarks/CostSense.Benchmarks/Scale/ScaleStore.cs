using CostSense.Core;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Sources.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CostSense.Benchmarks.Scale;

/// <summary>
/// A store of the scale run's own (a PostgreSQL database named after the run, or a SQLite file in a temporary folder),
/// emptied and migrated, with the Core services over it as the app wires them. <see cref="Settings"/> let another host
/// (a cache-less one, the web app) open the same store; <see cref="OpenAsync"/> builds one. Dispose to drop it.
/// </summary>
public sealed class ScaleStore : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _root;
    private readonly List<IHost> _others = [];

    private ScaleStore(IHost host, string root, IReadOnlyDictionary<string, string?> settings, bool postgres, bool keep) =>
        (_host, _root, Settings, IsPostgres, _keep) = (host, root, settings, postgres, keep);

    private readonly bool _keep;

    public IServiceProvider Services => _host.Services;

    /// <summary>The store's settings (connection, demo tenant size, no demo seed on start, memory cache).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public bool IsPostgres { get; }

    public string StoreName => IsPostgres ? "PostgreSQL" : "SQLite";

    /// <summary>A folder of the run's own for files (generated exports), removed with the store.</summary>
    public string Folder => _root;

    /// <summary>
    /// A fresh store; with <paramref name="keep"/> (PostgreSQL only) an existing database of that name is migrated and
    /// kept rather than emptied, and kept after the run too: a tenant that took many minutes to seed serves many runs.
    /// </summary>
    public static async Task<ScaleStore> StartAsync(string name, ScaleSize size, string? postgres, CancellationToken ct, bool keep = false)
    {
        keep &= postgres is not null;
        var root = Directory.CreateTempSubdirectory($"costsense-{name}-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["CostSense:Store:SqlitePath"] = Path.Combine(root, "scale.db"),
            ["ConnectionStrings:CostSense"] = postgres is null ? "" : postgres + $";Database=costsense_{name}",
            ["ConnectionStrings:Redis"] = "",
            ["CostSense:Demo:Enabled"] = "false",
            ["CostSense:Demo:VirtualMachines"] = size.VirtualMachines.ToString(),
            ["CostSense:Demo:StorageAccounts"] = size.StorageAccounts.ToString(),
            ["CostSense:Demo:ResourceGroups"] = size.ResourceGroups.ToString(),
            ["CostSense:Demo:Subscriptions"] = size.Subscriptions.ToString(),
            ["CostSense:Demo:MonthsOfHistory"] = size.Months.ToString(),
            ["Ollama:BaseUrl"] = "http://127.0.0.1:1",
        };
        var host = Build(root, settings);
        if (!keep)
            await using (var db = await host.Services.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(ct))
                await db.Database.EnsureDeletedAsync(ct);
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        return new ScaleStore(host, root, settings, postgres is not null, keep);
    }

    /// <summary>Generates the demo tenant at the run's size (inventory, metrics, cost rows, rollups).</summary>
    public Task SeedDemoTenantAsync(CancellationToken ct) => Services.GetRequiredService<IDemoTenantService>().GenerateAsync(Actor.System, ct);

    /// <summary>Another Core host over the same store, with <paramref name="overrides"/> (e.g. the cache off); disposed with the store.</summary>
    public IServiceProvider Open(IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var (k, v) in overrides) settings[k] = v;
        var host = Build(_root, settings);
        _others.Add(host);
        return host.Services;
    }

    private static IHost Build(string root, IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root, EnvironmentName = "Benchmark" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Emptying a store that does not exist yet makes EF log a failed connection to it: expected, not news.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.None);
        builder.AddCostSenseCore();
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var other in _others) other.Dispose();
        if (IsPostgres && !_keep)
            await using (var db = await Services.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync())
                await db.Database.EnsureDeletedAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
