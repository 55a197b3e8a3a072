using CostSense.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Store;

public class MigrationTests
{
    public static TheoryData<string> Providers => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_CoverTheWholeModel_ForEachProvider(string provider)
    {
        // No server is contacted: the check compares the model with the provider's last migration snapshot.
        using CostSenseDbContext db = provider == "sqlite"
            ? new SqliteCostSenseDbContext(new DbContextOptionsBuilder<SqliteCostSenseDbContext>().UseSqlite("Data Source=:memory:").Options)
            : new PostgresCostSenseDbContext(new DbContextOptionsBuilder<PostgresCostSenseDbContext>().UseNpgsql("Host=localhost").Options);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changed since the last {provider} migration: add one (see CostSense.Core/Data/Migrations/README.md).");
    }
}
