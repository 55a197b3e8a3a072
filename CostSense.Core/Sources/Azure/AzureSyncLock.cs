using CostSense.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CostSense.Core.Sources.Azure;

/// <summary>
/// One sync at a time: within this process a semaphore, and across the web instances that share a PostgreSQL store a
/// session advisory lock held on a connection of its own for the whole sync (released when that connection closes, also
/// when the process dies). SQLite is one process's embedded file, so the semaphore is all it needs.
/// </summary>
public sealed class AzureSyncLock(IDbContextFactory<CostSenseDbContext> dbFactory) : IDisposable
{
    /// <summary>The advisory lock's key: "CostSense Azure sync", shared by every instance.</summary>
    public const long AdvisoryKey = 0x436f_7374_417a_5379; // "CostAzSy"

    private readonly SemaphoreSlim _process = new(1, 1);

    /// <summary>The lock, or null when another sync holds it (here or on another instance).</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken ct)
    {
        if (!await _process.WaitAsync(0, ct)) return null;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (!db.Database.IsNpgsql()) return new Held(_process, null);
            // Unpooled: closing the connection ends the session, and with it the lock.
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
            try
            {
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
                command.Parameters.AddWithValue("key", AdvisoryKey);
                if (await command.ExecuteScalarAsync(ct) is true) return new Held(_process, connection);
                await connection.DisposeAsync();
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
            _process.Release();
            return null;
        }
        catch
        {
            _process.Release();
            throw;
        }
    }

    public void Dispose() => _process.Dispose();

    private sealed class Held(SemaphoreSlim process, NpgsqlConnection? connection) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1) return;
            try
            {
                // Closing the unpooled connection ends the session and releases its advisory lock.
                if (connection is not null) await connection.DisposeAsync();
            }
            finally
            {
                process.Release();
            }
        }
    }
}
