using CostSense.Core;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Sources.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// The Core services over a store of the benchmark's own (a SQLite file in a temporary folder, or a PostgreSQL
/// database named after the run), emptied and migrated; dispose to drop it.
/// </summary>
internal sealed class BenchmarkStore : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _root;
    private readonly bool _postgres;

    private BenchmarkStore(IHost host, string root, bool postgres) => (_host, _root, _postgres) = (host, root, postgres);

    public IServiceProvider Services => _host.Services;

    public static async Task<BenchmarkStore> StartAsync(string name, Dictionary<string, string?> settings, string? postgres)
    {
        var root = Directory.CreateTempSubdirectory($"costsense-{name}-").FullName;
        settings["CostSense:Store:SqlitePath"] = Path.Combine(root, "bench.db");
        if (postgres is not null) settings["ConnectionStrings:CostSense"] = postgres + $";Database=costsense_{name}";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root, EnvironmentName = "Benchmark" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCostSenseCore();
        var host = builder.Build();
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync())
            await db.Database.EnsureDeletedAsync();
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);
        return new BenchmarkStore(host, root, postgres is not null);
    }

    public Task SeedDemoTenantAsync() => Services.GetRequiredService<IDemoTenantService>().GenerateAsync(Actor.System, default);

    public async ValueTask DisposeAsync()
    {
        if (_postgres)
            await using (var db = await Services.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync())
                await db.Database.EnsureDeletedAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
