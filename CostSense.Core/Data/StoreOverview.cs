using System.Net;
using CostSense.Core.Costs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace CostSense.Core.Data;

/// <summary>What an operator needs to know about the store: where it is (never a password), what it holds, what wrote it.</summary>
public sealed record StoreOverview(string Provider, string Location, string Cache, long CostRows, DateOnly? From, DateOnly? To,
    IReadOnlyList<ImportBatch> RecentImports);

public sealed class StoreOverviewService(IDbContextFactory<CostSenseDbContext> dbFactory, IOptions<StoreOptions> store, IConfiguration config)
{
    public async Task<StoreOverview> GetAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.CostRecords.LongCountAsync(ct);
        var from = await db.DailyCostRollups.MinAsync(r => (DateOnly?)r.Date, ct);
        var to = await db.DailyCostRollups.MaxAsync(r => (DateOnly?)r.Date, ct);
        var imports = await db.ImportBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(10).ToListAsync(ct);

        var o = store.Value;
        var (provider, location) = o.UsesPostgres
            ? ("PostgreSQL", PostgresLocation(o.PostgresConnectionString!))
            : ("SQLite", db.Database.GetDbConnection().DataSource);
        var redis = config.GetConnectionString("Redis");
        var cache = string.IsNullOrWhiteSpace(redis) ? "In-memory" : $"Redis ({RedisLocation(redis)})";
        return new StoreOverview(provider, location, cache, rows, from, to, imports);
    }

    // Endpoints only: the password may stand anywhere among the options, first included.
    private static string RedisLocation(string configuration) =>
        string.Join(", ", ConfigurationOptions.Parse(configuration).EndPoints.Select(e => e is DnsEndPoint d ? $"{d.Host}:{d.Port}" : e.ToString()));

    private static string PostgresLocation(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }
}
