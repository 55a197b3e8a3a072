namespace CostSense.Tests.Infrastructure;

/// <summary>Which store a host under test runs over: an embedded SQLite file, or a real PostgreSQL server.</summary>
public enum StoreKind { Sqlite, Postgres }
