using CostSense.Core.Data;
using CostSense.Core.Sources.Demo;
using Microsoft.Extensions.Options;

namespace CostSense.Web.Startup;

/// <summary>
/// Creates the schema and, on an empty store with demo data on, the demo tenant, before the app serves.
/// A store that cannot be reached does not stop the app: pages say what is wrong instead.
/// </summary>
public sealed class StoreStartup(DatabaseInitializer database, IDemoTenantService demo, StoreStatus status,
    IEnumerable<IStoreStartupStep> steps, IOptions<StoreOptions> store, ILogger<StoreStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            await database.InitializeAsync(ct);
            foreach (var step in steps) await step.RunAsync(ct);
            if (await demo.SeedOnStartAsync(ct)) log.LogInformation("Generated the demo tenant");
            status.MarkReady();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var where = store.Value.UsesPostgres
                ? "PostgreSQL (ConnectionStrings:CostSense) could not be reached or initialised. Check that the server is running and the connection string is right, then restart CostSense."
                : $"The SQLite store at {store.Value.SqlitePath} could not be opened or initialised. Check that the folder is writable, then restart CostSense.";
            log.LogError(ex, "Store start-up failed: {Where}", where);
            status.MarkFailed(where);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
