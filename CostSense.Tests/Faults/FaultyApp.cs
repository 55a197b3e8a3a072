using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using CostSense.Core.Access;
using CostSense.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CostSense.Tests.Faults;

/// <summary>
/// The whole app (in-memory server) over real servers reached through fault proxies: PostgreSQL in a database of its
/// own (dropped afterwards) or a fresh SQLite file, and Redis when asked for. The demo tenant is small so that seeding
/// takes a moment, and start-up retries quickly. Started without waiting for the store: it may be away on purpose.
/// </summary>
public sealed class FaultyApp : IAsyncDisposable
{
    private static readonly Dictionary<string, string?> Defaults = new()
    {
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

    private readonly TestApp _app;
    private HttpClient? _adminClient;

    private FaultyApp(TestApp app) => (_app, Client) = (app, app.Client(redirects: true));

    /// <summary>Between the app and PostgreSQL; null over SQLite.</summary>
    public FaultProxy? Postgres => _app.Postgres;
    /// <summary>Between the app and Redis; null with the in-memory cache.</summary>
    public FaultProxy? Redis => _app.Redis;
    /// <summary>The app's own PostgreSQL database.</summary>
    public string? Database => _app.Store.Postgres?.Name;
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;
    public T Get<T>() where T : notnull => _app.Get<T>();

    /// <summary>A connection string straight to the app's database, around the proxy: what the server really holds.</summary>
    public string Direct => _app.Store.Postgres!.ConnectionString;

    public static FaultyApp Start(bool postgres, bool redis = false, bool postgresUp = true, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var config = new Dictionary<string, string?>(Defaults);
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;
        return new FaultyApp(TestApp.Start(new TestAppOptions
        {
            Store = postgres ? StoreKind.Postgres : StoreKind.Sqlite, PostgresProxy = postgres, PostgresUp = postgresUp, RedisProxy = redis,
            DemoData = true, Settings = config, Services = services,
        }));
    }

    /// <summary>GET a health endpoint anonymously, as a probe does: its status code and its JSON report (status words only).</summary>
    public Task<(int Code, HealthBody Body)> HealthAsync(string path) => HealthAsync(Client, path);

    /// <summary>GET a health endpoint as a signed-in Admin, who is also told each check's description and duration.</summary>
    public Task<(int Code, HealthBody Body)> AdminHealthAsync(string path) => HealthAsync(_adminClient ??= AdminClient(), path);

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
        var client = _app.Client(cookies: false);
        client.DefaultRequestHeaders.Add("Cookie", $"{cookie.Cookie.Name}={cookie.TicketDataFormat.Protect(ticket)}");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _adminClient?.Dispose();
        await _app.DisposeAsync();
    }
}
