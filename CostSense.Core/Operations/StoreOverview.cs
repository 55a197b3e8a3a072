using CostSense.Core.Data.Entities;

namespace CostSense.Core.Operations;

/// <summary>What an operator needs to know about the store: what it is, what it holds, what wrote it, and where it is (never a password).</summary>
/// <param name="Location">The SQLite file, or PostgreSQL's host:port/database. Null unless the actor may manage settings.</param>
/// <param name="Cache">"Redis" or "In-memory".</param>
/// <param name="CacheLocation">Redis's host:port. Null for the in-memory cache, and unless the actor may manage settings.</param>
public sealed record StoreOverview(string Provider, string? Location, string Cache, string? CacheLocation, long CostRows, DateOnly? From, DateOnly? To,
    IReadOnlyList<ImportBatch> RecentImports);
