using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Data;

/// <summary>Creates the provider's context. The app and the tests get it as IDbContextFactory&lt;CostSenseDbContext&gt;.</summary>
internal sealed class StoreContextFactory(StoreOptions store, string contentRoot, Action<DbContextOptionsBuilder> configure)
    : IDbContextFactory<CostSenseDbContext>
{
    private readonly DbContextOptions<SqliteCostSenseDbContext>? _sqlite = store.UsesPostgres ? null
        : Configure(new DbContextOptionsBuilder<SqliteCostSenseDbContext>()
            .UseSqlite($"Data Source={Path.GetFullPath(store.SqlitePath, contentRoot)}"), configure);

    private readonly DbContextOptions<PostgresCostSenseDbContext>? _postgres = !store.UsesPostgres ? null
        : Configure(new DbContextOptionsBuilder<PostgresCostSenseDbContext>()
            .UseNpgsql(store.PostgresConnectionString, npgsql => npgsql.EnableRetryOnFailure(3)), configure);

    public CostSenseDbContext CreateDbContext() =>
        _postgres is not null ? new PostgresCostSenseDbContext(_postgres) : new SqliteCostSenseDbContext(_sqlite!);

    private static DbContextOptions<T> Configure<T>(DbContextOptionsBuilder<T> builder, Action<DbContextOptionsBuilder> configure) where T : DbContext
    {
        configure(builder);
        return builder.Options;
    }
}
