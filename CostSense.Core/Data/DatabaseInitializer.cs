using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CostSense.Core.Data;

/// <summary>Creates the schema on start, for SQLite and PostgreSQL alike.</summary>
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

        // The schema is created from the model (EnsureCreated) rather than from migrations: one model
        // serves two providers, and there is no deployed schema to upgrade yet.
        var created = await db.Database.EnsureCreatedAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets the dashboard read while an import writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        log.LogInformation("Store ready ({Provider}){Created}", db.Database.ProviderName, created ? ", schema created" : "");
    }
}
