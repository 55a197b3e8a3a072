using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CostSense.Core.Data;

/// <summary>The store on SQLite; its migrations live in Data/Migrations/Sqlite.</summary>
public sealed class SqliteCostSenseDbContext(DbContextOptions<SqliteCostSenseDbContext> options) : CostSenseDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        // SQLite keeps decimals as text, which it cannot sort or compare: the recommendation grid sorts and filters
        // by money, so on SQLite those columns are REAL (cents survive: the figures are rounded to 2 places).
        model.Entity<Recommendation>(e =>
        {
            foreach (var p in new[] { nameof(Recommendation.CurrentMonthlyCost), nameof(Recommendation.ProjectedMonthlyCost),
                         nameof(Recommendation.MonthlySavings), nameof(Recommendation.AnnualSavings),
                         nameof(Recommendation.RealizedMonthlySavings) })
                e.Property(p).HasConversion<double>();
        });
    }
}

/// <summary>The store on PostgreSQL; its migrations live in Data/Migrations/Postgres.</summary>
public sealed class PostgresCostSenseDbContext(DbContextOptions<PostgresCostSenseDbContext> options) : CostSenseDbContext(options);

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

/// <summary>For `dotnet ef migrations add … --context SqliteCostSenseDbContext`.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCostSenseDbContext>
{
    public SqliteCostSenseDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCostSenseDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For `dotnet ef migrations add … --context PostgresCostSenseDbContext` (no server is contacted).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCostSenseDbContext>
{
    public PostgresCostSenseDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCostSenseDbContext>().UseNpgsql("Host=localhost;Database=costsense").Options);
}
