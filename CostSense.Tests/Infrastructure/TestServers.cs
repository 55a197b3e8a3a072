namespace CostSense.Tests.Infrastructure;

/// <summary>
/// The real servers some tests need, named by environment variables that .ci/run sets. Locally a missing
/// server skips those tests with a message; under CI=true it fails them, so CI can never pass by skipping.
/// </summary>
public static class TestServers
{
    public const string PostgresVariable = "COSTSENSE_TEST_POSTGRES";
    public const string RedisVariable = "COSTSENSE_TEST_REDIS";
    public const string AzuriteVariable = "COSTSENSE_TEST_AZURITE";

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A PostgreSQL connection string for a database the tests may create databases from.</summary>
    public static string RequirePostgres() => Require(PostgresVariable, "PostgreSQL", "Host=127.0.0.1;Username=postgres;Password=postgres");

    public static string RequireRedis() => Require(RedisVariable, "Redis", "127.0.0.1:6379");

    /// <summary>A storage connection string for Azurite's blob service (the export container tests).</summary>
    public static string RequireAzurite() => Require(AzuriteVariable, "Azurite", "UseDevelopmentStorage=true");

    private static string Require(string variable, string server, string example)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value)) return value;
        var message = $"{server} is not configured: set {variable} (e.g. \"{example}\") or run .ci/run, which starts one.";
        if (InCi) Assert.Fail($"CI=true requires {server}. {message}");
        Assert.Skip(message);
        return "";
    }
}
