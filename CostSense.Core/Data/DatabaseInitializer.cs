using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CostSense.Core.Data;

/// <summary>Brings the schema up to date on start (EF migrations of the store's provider).</summary>
public sealed class DatabaseInitializer(IDbContextFactory<CostSenseDbContext> dbFactory, ILogger<DatabaseInitializer> log)
{
    public async Task InitializeAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        // A migration may rewrite a large table (partitioning the cost rows copies every one): no 30-second limit there.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets the dashboard read while an import writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        log.LogInformation("Store ready ({Provider}){Applied}", db.Database.ProviderName,
            pending.Count > 0 ? $", applied {string.Join(", ", pending)}" : "");
    }
}
