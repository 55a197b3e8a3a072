using CostSense.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CostSense.Web.Startup;

/// <summary>
/// Asks the store for <c>SELECT 1</c> on a plain connection, outside EF's retrying strategy: a probe says how the
/// store is now, within its timeout, instead of after the retries.
/// </summary>
public sealed class StoreProbe(IDbContextFactory<CostSenseDbContext> dbFactory)
{
    public async Task<StoreProbeResult> ProbeAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await AskAsync(deadline.Token);
            return new StoreProbeResult(true, "answered");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return new StoreProbeResult(false, deadline.IsCancellationRequested ? $"no answer within {timeout.TotalSeconds:0.#} s" : StoreFailure.Reason(ex),
                (ex as PostgresException ?? ex.InnerException as PostgresException)?.SqlState);
        }
    }

    private async Task AskAsync(CancellationToken ct)
    {
        try
        {
            await SelectOneAsync(ct).WaitAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is not PostgresException)
        {
            // A pooled connection the server dropped while it sat idle fails once, and Npgsql then empties the
            // pool: a store that is back answers on a fresh connection.
            await SelectOneAsync(ct).WaitAsync(ct);
        }
    }

    private async Task SelectOneAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var connection = db.Database.GetDbConnection();
        try
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(ct);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}
