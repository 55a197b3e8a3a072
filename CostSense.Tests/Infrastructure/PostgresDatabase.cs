using Npgsql;

namespace CostSense.Tests.Infrastructure;

/// <summary>A PostgreSQL database of a test's own on the CI server, dropped (connections and all) when disposed.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private PostgresDatabase(string admin, string name)
    {
        (_admin, Name) = (admin, name);
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>To the database itself; the app creates it (and its schema) on start.</summary>
    public string ConnectionString { get; }

    /// <summary>Skips locally, fails under CI=true, when no server is configured.</summary>
    public static PostgresDatabase Create(string prefix = "costsense_test") => new(TestServers.RequirePostgres(), $"{prefix}_{Guid.NewGuid():N}");

    public async ValueTask DisposeAsync()
    {
        await using var conn = new NpgsqlConnection(_admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
