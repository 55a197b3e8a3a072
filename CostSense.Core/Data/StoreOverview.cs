using System.Net;
using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace CostSense.Core.Data;

/// <summary>What an operator needs to know about the store: what it is, what it holds, what wrote it, and where it is (never a password).</summary>
/// <param name="Location">The SQLite file, or PostgreSQL's host:port/database. Null unless the actor may manage settings.</param>
/// <param name="Cache">"Redis" or "In-memory".</param>
/// <param name="CacheLocation">Redis's host:port. Null for the in-memory cache, and unless the actor may manage settings.</param>
public sealed record StoreOverview(string Provider, string? Location, string Cache, string? CacheLocation, long CostRows, DateOnly? From, DateOnly? To,
    IReadOnlyList<ImportBatch> RecentImports);

public sealed class StoreOverviewService(IDbContextFactory<CostSenseDbContext> dbFactory, IOptions<StoreOptions> store, IConfiguration config)
{
    public async Task<StoreOverview> GetAsync(Actor actor, CancellationToken ct)
    {
        // Paths, hosts and database names map the deployment for anyone who reads the page; they are for whoever
        // configures it. Left out here rather than in the page, so no other caller can show them by mistake.
        var showWhere = actor.Can(Permission.ManageSettings);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.CostRecords.LongCountAsync(ct);
        var from = await db.DailyCostRollups.MinAsync(r => (DateOnly?)r.Date, ct);
        var to = await db.DailyCostRollups.MaxAsync(r => (DateOnly?)r.Date, ct);
        var imports = await db.ImportBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(10).ToListAsync(ct);

        var o = store.Value;
        var provider = o.UsesPostgres ? "PostgreSQL" : "SQLite";
        var location = !showWhere ? null : o.UsesPostgres ? PostgresLocation(o.PostgresConnectionString!) : db.Database.GetDbConnection().DataSource;
        var redis = config.GetConnectionString("Redis");
        var (cache, cacheLocation) = string.IsNullOrWhiteSpace(redis) ? ("In-memory", null) : ("Redis", showWhere ? RedisLocation(redis) : null);
        return new StoreOverview(provider, location, cache, cacheLocation, rows, from, to, imports);
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
