using System.Net;
using CostSense.Core.Access;
using CostSense.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace CostSense.Core.Operations;

/// <summary>Reads the <see cref="StoreOverview"/> for the data page, leaving out where the store is unless the actor may manage settings.</summary>
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
