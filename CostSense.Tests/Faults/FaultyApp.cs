using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using CostSense.Core.Access;
using CostSense.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CostSense.Tests.Faults;

/// <summary>
/// The whole app (WebApplicationFactory, in-memory server) over real servers reached through fault proxies:
/// PostgreSQL in a database of its own (dropped afterwards) or a fresh SQLite file, and Redis when asked for.
/// The demo tenant is small so that seeding takes a moment, and start-up retries quickly.
/// </summary>
public sealed class FaultyApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _root;
    private readonly PostgresDatabase? _database;

    private FaultyApp(WebApplicationFactory<Program> factory, string root, PostgresDatabase? database, FaultProxy? postgres, FaultProxy? redis)
    {
        (_factory, _root, _database, Postgres, Redis) = (factory, root, database, postgres, redis);
        Client = factory.CreateClient();
    }

    /// <summary>Between the app and PostgreSQL; null over SQLite.</summary>
    public FaultProxy? Postgres { get; }
    /// <summary>Between the app and Redis; null with the in-memory cache.</summary>
    public FaultProxy? Redis { get; }
    /// <summary>The app's own PostgreSQL database.</summary>
    public string? Database => _database?.Name;
    public HttpClient Client { get; }
    public IServiceProvider Services => _factory.Services;
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A connection string straight to the app's database, around the proxy: what the server really holds.</summary>
    public string Direct => _database!.ConnectionString;

    public static FaultyApp Start(bool postgres, bool redis = false, bool postgresUp = true, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var root = Directory.CreateTempSubdirectory("costsense-fault-").FullName;
        var config = new Dictionary<string, string?>
        {
            ["CostSense:Store:SqlitePath"] = Path.Combine(root, "store.db"),
            ["ConnectionStrings:CostSense"] = "",
            ["ConnectionStrings:Redis"] = "",
            ["CostSense:Demo:Enabled"] = "true",
            ["CostSense:Demo:Subscriptions"] = "2",
            ["CostSense:Demo:ResourceGroups"] = "3",
            ["CostSense:Demo:VirtualMachines"] = "6",
            ["CostSense:Demo:StorageAccounts"] = "3",
            ["CostSense:Demo:MonthsOfHistory"] = "2",
            ["CostSense:StoreStartup:FirstRetryDelay"] = "00:00:00.250",
            ["CostSense:StoreStartup:MaxRetryDelay"] = "00:00:01",
            // Nothing listens on port 1: the assistant is down in these tests unless one says otherwise.
            ["Ollama:BaseUrl"] = "http://127.0.0.1:1",
        };
        PostgresDatabase? database = null;
        FaultProxy? pg = null, cache = null;
        if (postgres)
        {
            database = PostgresDatabase.Create("costsense_fault");
            var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            pg = FaultProxy.Create(target.Host!, target.Port, started: postgresUp);
            config["ConnectionStrings:CostSense"] = new NpgsqlConnectionStringBuilder(database.ConnectionString)
            {
                Host = "127.0.0.1", Port = pg.Port, Timeout = 5,
            }.ConnectionString;
        }
        if (redis)
        {
            var target = TestServers.RequireRedis().Split(',')[0].Split(':');
            cache = FaultProxy.Create(target[0], target.Length > 1 ? int.Parse(target[1], System.Globalization.CultureInfo.InvariantCulture) : 6379);
            config["ConnectionStrings:Redis"] = $"127.0.0.1:{cache.Port}";
        }
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Test");
            foreach (var (k, v) in config) b.UseSetting(k, v);
            if (services is not null) b.ConfigureTestServices(services);
        });
        return new FaultyApp(factory, root, database, pg, cache);
    }

    /// <summary>GET a health endpoint anonymously, as a probe does: its status code and its JSON report (status words only).</summary>
    public Task<(int Code, HealthBody Body)> HealthAsync(string path) => HealthAsync(Client, path);

    /// <summary>GET a health endpoint as a signed-in Admin, who is also told each check's description and duration.</summary>
    public Task<(int Code, HealthBody Body)> AdminHealthAsync(string path) => HealthAsync(_adminClient ??= AdminClient(), path);

    private HttpClient? _adminClient;

    private static async Task<(int Code, HealthBody Body)> HealthAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<HealthBody>(new JsonSerializerOptions(JsonSerializerDefaults.Web), TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, body!);
    }

    /// <summary>
    /// A client carrying an Admin's sign-in cookie, protected with the app's own keys as the sign-in form would issue
    /// it. Not the form itself: these tests read health while the store is down, and with it the users and the form.
    /// Issued now, so the app does not check it against the store within the revalidation interval (a minute).
    /// </summary>
    private HttpClient AdminClient()
    {
        var scheme = IdentityConstants.ApplicationScheme;
        var cookie = Get<IOptionsMonitor<CookieAuthenticationOptions>>().Get(scheme);
        var admin = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "faulty-app-admin"), new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, AppRoles.Admin)], scheme));
        var now = DateTimeOffset.UtcNow;
        var ticket = new AuthenticationTicket(admin, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(1) }, scheme);
        var client = _factory.CreateDefaultClient();
        client.DefaultRequestHeaders.Add("Cookie", $"{cookie.Cookie.Name}={cookie.TicketDataFormat.Protect(ticket)}");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _adminClient?.Dispose();
        await _factory.DisposeAsync();
        if (Postgres is not null) await Postgres.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The JSON body of /health/live and /health/ready; durations and descriptions are there for an Admin only.</summary>
public sealed record HealthBody(string Status, double DurationMs, IReadOnlyList<HealthEntry> Checks)
{
    public HealthEntry this[string name] => Checks.Single(c => c.Name == name);
}

public sealed record HealthEntry(string Name, string Status, double DurationMs, string? Description);
