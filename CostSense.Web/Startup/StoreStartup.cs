using CostSense.Core.Data;
using CostSense.Core.Leases;
using CostSense.Core.Sources.Demo;
using Microsoft.Extensions.Options;

namespace CostSense.Web.Startup;

/// <summary>
/// Creates the schema and, on an empty store with demo data on, the demo tenant. The first attempt runs before the
/// app serves, so a reachable store is ready for the first request; an unreachable one is found out by a quick probe,
/// and the app serves meanwhile (pages say what is wrong, /health/ready says 503) while attempts go on in the
/// background, FirstRetryDelay doubling up to MaxRetryDelay, until the store comes up or the app stops. Several
/// instances may start together on one store: EF's migrations take their own lock (a table lock on PostgreSQL's history
/// table, a lock table on SQLite), and what follows them (roles and the first admin, backfills, the demo tenant) runs under the <see cref="JobNames.StoreStartup"/> lease, one instance at a time, so the later ones
/// find it done instead of doing it again.
/// </summary>
public sealed class StoreStartup(StoreProbe probe, DatabaseInitializer database, IDemoTenantService demo, StoreStatus status,
    IEnumerable<IStoreStartupStep> steps, JobLeases leases, IOptions<StoreOptions> store, IOptions<StoreStartupOptions> options, TimeProvider time,
    ILogger<StoreStartup> log) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;

    public async Task StartAsync(CancellationToken ct)
    {
        if (await TryAsync(1, ct) is { } problem)
            _retrying = RetryAsync(problem, _stopping.Token);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await _stopping.CancelAsync();
        await _retrying.WaitAsync(ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    // Cancel, not Dispose, as BackgroundService does: the host may stop this after its container disposed it (a
    // WebApplicationFactory and the app's own Run() both stop the host), and a cancelled source holds nothing to free.
    public void Dispose() => _stopping.Cancel();

    /// <summary>Runs until its first wait, so StartAsync returns as soon as the first retry is scheduled.</summary>
    private async Task RetryAsync(string problem, CancellationToken ct)
    {
        try
        {
            for (var failed = 1; ; failed++)
            {
                var retryIn = options.Value.RetryDelay(failed);
                // The timer starts before the status says when the next attempt is, so the two agree.
                var wait = Task.Delay(retryIn, time, ct);
                status.MarkFailed(problem, failed, retryIn);
                await wait;
                if (await TryAsync(failed + 1, ct) is not { } next) return;
                problem = next;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }

    /// <summary>One attempt: null once the store is ready, otherwise what went wrong and what to do about it.</summary>
    private async Task<string?> TryAsync(int attempt, CancellationToken ct)
    {
        var stage = Stage.Connect;
        try
        {
            // PostgreSQL first answers a plain probe: EF's retrying strategy would spend seconds on a server that is not there.
            if (store.Value.UsesPostgres)
            {
                var reached = await probe.ProbeAsync(options.Value.ProbeTimeout, ct);
                if (!reached.Ok && !reached.MissingDatabase)
                    return Failed(attempt, Problem(reached.SqlState is null ? Stage.Connect : Stage.SignIn, reached.Reason), null);
            }
            stage = Stage.Migrate;
            await database.InitializeAsync(ct);
            await using (await leases.ClaimAsync(JobNames.StoreStartup, ct))
            {
                foreach (var step in steps) await step.RunAsync(ct);
                stage = Stage.Seed;
                if (await demo.SeedOnStartAsync(ct)) log.LogInformation("Generated the demo tenant");
            }
            status.MarkReady();
            if (attempt > 1) log.LogInformation("Store ready at start-up attempt {Attempt}", attempt);
            return null;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return Failed(attempt, Problem(stage, StoreFailure.Reason(ex)), ex);
        }
    }

    private string Failed(int attempt, string problem, Exception? ex)
    {
        var retryIn = options.Value.RetryDelay(attempt);
        // The first failure with its exception for the operator; later ones in a line each, not a stack trace every few seconds.
        if (attempt == 1) log.LogError(ex, "Store start-up failed: {Problem} Retrying in {RetryIn}", problem, retryIn);
        else log.LogWarning("Store start-up attempt {Attempt} failed: {Problem} Retrying in {RetryIn}", attempt, problem, retryIn);
        return problem;
    }

    private string Problem(Stage stage, string reason)
    {
        var o = store.Value;
        return stage switch
        {
            Stage.Connect => $"PostgreSQL (ConnectionStrings:CostSense) could not be reached ({reason}). Check that the server is running and the connection string is right.",
            Stage.SignIn => $"PostgreSQL (ConnectionStrings:CostSense) answered but refused the connection ({reason}). Check the user name, password and database in the connection string.",
            Stage.Migrate when o.UsesPostgres => $"PostgreSQL (ConnectionStrings:CostSense) was reached, but the schema could not be brought up to date ({reason}). Check that the user may create tables in the database.",
            Stage.Migrate => $"The SQLite store at {o.SqlitePath} could not be opened or initialised ({reason}). Check that the folder is writable.",
            _ => $"The store is up, but the demo tenant could not be written ({reason}).",
        };
    }

    private enum Stage { Connect, SignIn, Migrate, Seed }
}
