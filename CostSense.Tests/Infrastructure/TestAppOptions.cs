using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CostSense.Tests.Infrastructure;

/// <summary>What a <see cref="TestApp"/> runs over and with. The defaults: an empty SQLite store of its own, in memory, in the Test environment.</summary>
public sealed record TestAppOptions
{
    /// <summary>The app's own store: a new SQLite file, or a new PostgreSQL database (skips locally, fails under CI=true, without a server).</summary>
    public StoreKind Store { get; init; } = StoreKind.Sqlite;

    /// <summary>
    /// A store the test owns (or another app's) to run over instead of a new one, so two apps are two instances of one
    /// deployment; it outlives this app and is its owner's to dispose. <see cref="Store"/> is then ignored.
    /// </summary>
    public TempStore? SharedStore { get; init; }

    /// <summary>Whether the app seeds the demo tenant into its empty store on start.</summary>
    public bool DemoData { get; init; }

    public AppServer Server { get; init; } = AppServer.InMemory;

    /// <summary>
    /// PostgreSQL (<see cref="Store"/> must be Postgres) through a <see cref="FaultProxy"/> the test can stop and start;
    /// the app's connection gives up after 5 s.
    /// </summary>
    public bool PostgresProxy { get; init; }

    /// <summary>With <see cref="PostgresProxy"/>: false starts the app with PostgreSQL away (the proxy refuses connections).</summary>
    public bool PostgresUp { get; init; } = true;

    /// <summary>Redis (the CI's server) through a <see cref="FaultProxy"/>; otherwise the app has no Redis.</summary>
    public bool RedisProxy { get; init; }

    /// <summary>Settings over the defaults (the store's, no Redis, the first admin's password); they win.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Registrations after the app's own, so they replace them.</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>Receives every log message of the app, at every level.</summary>
    public ILoggerProvider? Logs { get; init; }

    /// <summary>Roles to create a user for, once the store is ready: <see cref="TestApp.EmailOf"/> the role, <see cref="TestApp.Password"/>.</summary>
    public IReadOnlyList<string> Users { get; init; } = [];

    public string Environment { get; init; } = "Test";
}
