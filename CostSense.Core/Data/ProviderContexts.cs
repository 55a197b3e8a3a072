using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Data;

/// <summary>The store on SQLite; its migrations live in Data/Migrations/Sqlite.</summary>
public sealed class SqliteCostSenseDbContext(DbContextOptions<SqliteCostSenseDbContext> options) : CostSenseDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        base.ConfigureConventions(conventions);
        // SQLite keeps decimals as text, every digit whatever the precision; the facet only documents the model.
        conventions.Properties<decimal>().HavePrecision(28, 10);
    }

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
public sealed class PostgresCostSenseDbContext(DbContextOptions<PostgresCostSenseDbContext> options) : CostSenseDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        base.ConfigureConventions(conventions);
        // Money is numeric without precision or scale on PostgreSQL: it keeps every digit a decimal carries (Azure's EA
        // exports have up to 16 decimals; numeric(28,10) rounded them), as SQLite's text decimals do.
        conventions.Properties<decimal>().HaveColumnType("numeric");
        conventions.Properties<decimal?>().HaveColumnType("numeric");
    }
}
