using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CostSense.Core.Data;

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
