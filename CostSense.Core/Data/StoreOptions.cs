using System.ComponentModel.DataAnnotations;

namespace CostSense.Core.Data;

/// <summary>
/// Where the store lives. <c>ConnectionStrings:CostSense</c> selects PostgreSQL; without it the app
/// keeps an embedded SQLite file under the content root.
/// </summary>
public sealed class StoreOptions
{
    public const string Section = "CostSense:Store";

    /// <summary>SQLite file, relative to the content root unless rooted.</summary>
    [Required]
    public string SqlitePath { get; set; } = Path.Combine("data", "costsense.db");

    /// <summary>Set from <c>ConnectionStrings:CostSense</c>; PostgreSQL when present.</summary>
    public string? PostgresConnectionString { get; set; }

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);
}
