namespace CostSense.Tests.Infrastructure;

/// <summary>
/// A store of a test's own: a fresh folder (the host's content root, and the SQLite file in it) and, over PostgreSQL,
/// a fresh database on the CI server. Disposing it drops the database (connections and all), lets go of SQLite's pooled
/// connections and deletes the folder. Every host under test, in process or not, keeps its data here.
/// </summary>
public sealed class TempStore : IAsyncDisposable
{
    private TempStore(StoreKind kind, string folder, PostgresDatabase? postgres) => (Kind, Folder, Postgres) = (kind, folder, postgres);

    public StoreKind Kind { get; }

    /// <summary>A new empty folder, removed with the store.</summary>
    public string Folder { get; }

    /// <summary>The SQLite file (created by the app on start); unused over PostgreSQL.</summary>
    public string SqlitePath => Path.Combine(Folder, "store.db");

    /// <summary>The database of its own over PostgreSQL; null over SQLite.</summary>
    public PostgresDatabase? Postgres { get; }

    /// <summary>The settings that point an app at this store and at no other.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CostSense:Store:SqlitePath"] = SqlitePath,
        ["ConnectionStrings:CostSense"] = Postgres?.ConnectionString ?? "",
    };

    /// <summary>Over PostgreSQL: skips locally, fails under CI=true, when no server is configured.</summary>
    public static TempStore Create(StoreKind kind = StoreKind.Sqlite)
    {
        // The server check first: a skipped test leaves no folder behind.
        var postgres = kind == StoreKind.Postgres ? PostgresDatabase.Create() : null;
        return new TempStore(kind, Directory.CreateTempSubdirectory("costsense-test-").FullName, postgres);
    }

    public async ValueTask DisposeAsync()
    {
        if (Postgres is not null) await Postgres.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
