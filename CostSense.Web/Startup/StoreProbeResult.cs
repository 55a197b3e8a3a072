using Npgsql;

namespace CostSense.Web.Startup;

/// <summary>The outcome of one probe: whether the store answered, and if not, why in a few words.</summary>
/// <param name="SqlState">PostgreSQL's error code when the server itself said no (a wrong password, a missing database).</param>
public sealed record StoreProbeResult(bool Ok, string Reason, string? SqlState = null)
{
    /// <summary>The server is there but the database is not yet: migrating creates it.</summary>
    public bool MissingDatabase => SqlState == PostgresErrorCodes.InvalidCatalogName;
}
