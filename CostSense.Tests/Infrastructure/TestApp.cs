using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Web.Startup;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CostSense.Tests.Infrastructure;

/// <summary>
/// The whole app in process, as Program builds it, over a store of its own (<see cref="TestAppOptions"/> say which,
/// whether through fault proxies, with what settings and services, and how it is served), with clients that leave
/// redirects to the test, and sign-in through the real form. The one web host of the tests: every other app under
/// test is this one with options.
/// </summary>
public sealed partial class TestApp : IAsyncDisposable
{
    public const string AdminEmail = "admin@costsense.local";
    public const string AdminPassword = "first-Admin-password-1";
    public const string Password = "test-Password-4711";

    /// <summary>How long start-up may take to report the store ready before a test gives up.</summary>
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Where clients of the in-memory server reach the app. https, as a deployment serves it: outside Development the
    /// app's cookies are Secure, and a client sends those back only over https (the in-memory server needs no certificate).
    /// </summary>
    private static readonly Uri InMemoryAddress = new("https://localhost");

    private readonly WebApplicationFactory<Program> _factory;
    private readonly AppServer _server;
    private readonly TestCertificate? _certificate;

    private readonly bool _ownsStore;

    private TestApp(WebApplicationFactory<Program> factory, AppServer server, TestCertificate? certificate, TempStore store, bool ownsStore,
        FaultProxy? postgres, FaultProxy? redis)
    {
        (_factory, _server, _certificate, Store, _ownsStore, Postgres, Redis) = (factory, server, certificate, store, ownsStore, postgres, redis);
        BaseAddress = server == AppServer.InMemory ? InMemoryAddress : KestrelAddress(factory);
    }

    /// <summary>Where clients reach the app: the in-memory address, or Kestrel's loopback port.</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The app's own store; its PostgreSQL database, if any, is what the server really holds, around any proxy.</summary>
    public TempStore Store { get; }

    /// <summary>Between the app and PostgreSQL, when the options asked for it.</summary>
    public FaultProxy? Postgres { get; }

    /// <summary>Between the app and Redis, when the options asked for it.</summary>
    public FaultProxy? Redis { get; }

    public static string EmailOf(string role) => role.ToLowerInvariant() + "@app.test";

    /// <summary>Starts the app with only settings of its own over the defaults, waits for its store, and returns it.</summary>
    public static Task<TestApp> StartAsync(IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null, Action<IServiceCollection>? services = null) =>
        StartAsync(new TestAppOptions { Settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()), Logs = logs, Services = services });

    /// <summary>Starts the app, waits until its start-up reports the store ready, and creates the users the options name.</summary>
    public static async Task<TestApp> StartAsync(TestAppOptions options)
    {
        var app = Start(options);
        try
        {
            await app.Get<StoreStatus>().WaitUntilReadyAsync(StoreTimeout);
            foreach (var role in options.Users) await app.EnsureUserAsync(EmailOf(role), role);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the app and returns at once, ready or not: for tests of a store that is away, or that watch start-up
    /// itself. Nothing made for an app that fails to start is left behind.
    /// </summary>
    public static TestApp Start(TestAppOptions options)
    {
        var store = options.SharedStore ?? TempStore.Create(options.Store);
        FaultProxy? postgres = null, redis = null;
        TestCertificate? certificate = null;
        WebApplicationFactory<Program>? factory = null;
        try
        {
            var settings = TestSettings.Isolated(store, options.DemoData);
            settings["CostSense:Admin:Password"] = AdminPassword;
            if (options.PostgresProxy)
            {
                var direct = new NpgsqlConnectionStringBuilder(store.Postgres?.ConnectionString
                    ?? throw new ArgumentException("A PostgreSQL proxy needs Store = StoreKind.Postgres.", nameof(options)));
                postgres = FaultProxy.Create(direct.Host!, direct.Port, started: options.PostgresUp);
                settings["ConnectionStrings:CostSense"] = new NpgsqlConnectionStringBuilder(direct.ConnectionString)
                {
                    Host = "127.0.0.1", Port = postgres.Port, Timeout = 5,
                }.ConnectionString;
            }
            if (options.RedisProxy)
            {
                var target = TestServers.RequireRedis().Split(',')[0].Split(':');
                redis = FaultProxy.Create(target[0], target.Length > 1 ? int.Parse(target[1], CultureInfo.InvariantCulture) : 6379);
                settings["ConnectionStrings:Redis"] = $"127.0.0.1:{redis.Port}";
            }
            foreach (var (k, v) in options.Settings) settings[k] = v;

            factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            {
                b.UseEnvironment(options.Environment);
                foreach (var (k, v) in settings) b.UseSetting(k, v);
                if (options.Logs is { } logs)
                    b.ConfigureLogging(l => l.AddProvider(logs).Services.Configure<LoggerFilterOptions>(o =>
                        o.Rules.Add(new LoggerFilterRule(logs.GetType().FullName, null, LogLevel.Trace, null))));
                if (options.Services is { } services) b.ConfigureTestServices(services);
            });
            if (options.Server != AppServer.InMemory)
            {
                if (options.Server == AppServer.KestrelHttps) certificate = new TestCertificate();
                // Port 0 on loopback: Kestrel picks a free port; the address it bound is read back from the server.
                factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
                {
                    if (certificate is not null) listen.UseHttps(certificate.Certificate);
                }));
            }
            factory.StartServer();
            return new TestApp(factory, options.Server, certificate, store, options.SharedStore is null, postgres, redis);
        }
        catch
        {
            // Whatever the start-up failure was, it is what the test sees, not a failure to clean up after it.
            try { factory?.Dispose(); } catch (Exception) { }
            certificate?.Dispose();
            postgres?.DisposeAsync().AsTask().Wait();
            redis?.DisposeAsync().AsTask().Wait();
            if (options.SharedStore is null) try { store.DisposeAsync().AsTask().Wait(); } catch (Exception) { }
            throw;
        }
    }

    /// <summary>
    /// Registrations of the app's on a builder of their own, started directly, over a store of its own; the start must
    /// fail with <typeparamref name="TException"/>, which is returned. Not through WebApplicationFactory: it can lose a
    /// start-up exception to a race (its deferred host reads the app's already disposed services instead).
    /// </summary>
    public static async Task<TException> FailsToStartAsync<TException>(IReadOnlyDictionary<string, string?> settings, Action<WebApplicationBuilder> register)
        where TException : Exception
    {
        await using var store = TempStore.Create();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Test" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        foreach (var (k, v) in TestSettings.Isolated(store)) builder.Configuration[k] = v;
        foreach (var (k, v) in settings) builder.Configuration[k] = v;
        register(builder);

        return await Assert.ThrowsAsync<TException>(async () =>
        {
            await using var app = builder.Build();
            await app.StartAsync(TestContext.Current.CancellationToken);
        });
    }

    private static Uri KestrelAddress(WebApplicationFactory<Program> factory)
    {
        var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>
    /// A client of its own that leaves redirects to the test unless told to follow them. It keeps cookies, except over
    /// plain http on Kestrel: outside Development they are Secure, a cookie jar keeps them for https only, and the test
    /// sends them itself.
    /// </summary>
    public HttpClient Client(bool redirects = false, bool? cookies = null) => _server switch
    {
        AppServer.InMemory => _factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = redirects, HandleCookies = cookies ?? true, BaseAddress = BaseAddress,
        }),
        AppServer.KestrelHttps => new HttpClient(Trusting(_certificate!.TrustingHandler(), redirects, cookies ?? true)) { BaseAddress = BaseAddress },
        _ => new HttpClient(new HttpClientHandler { AllowAutoRedirect = redirects, UseCookies = cookies ?? false }) { BaseAddress = BaseAddress },
    };

    private static HttpClientHandler Trusting(HttpClientHandler handler, bool redirects, bool cookies)
    {
        (handler.AllowAutoRedirect, handler.UseCookies) = (redirects, cookies);
        return handler;
    }

    /// <summary>A client of the in-memory server whose cookies live in the given container, so a test can carry them to another instance.</summary>
    public HttpClient Client(CookieContainer cookies) => _factory.CreateDefaultClient(BaseAddress, new CookieContainerHandler(cookies));

    /// <summary>Creates a user with the role (once) and returns a client signed in as them.</summary>
    public async Task<HttpClient> SignedInAsync(string role)
    {
        await EnsureUserAsync(EmailOf(role), role);
        var client = Client();
        using var response = await SignInAsync(client, EmailOf(role), Password);
        await AssertSignedInAsync(response);
        return client;
    }

    /// <summary>Signs the client in as the first admin through the sign-in form (pages need a user).</summary>
    public static async Task SignInAsAdminAsync(HttpClient client)
    {
        using var response = await SignInAsync(client, AdminEmail, AdminPassword);
        await AssertSignedInAsync(response);
    }

    /// <summary>A sign-in redirects; the form again (200) means it failed, and the page says why.</summary>
    private static async Task AssertSignedInAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in answered {(int)response.StatusCode}: " + AccountMessage(html));
    }

    /// <summary>What the sign-in page says went wrong, for a failing test's message.</summary>
    private static string AccountMessage(string html)
    {
        var at = html.IndexOf("data-testid=\"account-message\"", StringComparison.Ordinal);
        return at < 0 ? "(no message on the page)" : Regex.Replace(html[at..Math.Min(html.Length, at + 600)], "<[^>]*>", " ");
    }

    /// <summary>Creates a user with the role and <see cref="Password"/> (once) and returns them.</summary>
    public async Task<CostSenseUser> EnsureUserAsync(string email, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>();
        if (await users.FindByEmailAsync(email) is { } existing) return existing;
        var user = new CostSenseUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        var added = await users.AddToRoleAsync(user, role);
        Assert.True(added.Succeeded, string.Join(" ", added.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>Creates a user with the role (once) and returns them as a circuit signed in now would hold them.</summary>
    public async Task<Actor> ActorAsync(string email, string role)
    {
        var user = await EnsureUserAsync(email, role);
        return new Actor(user.Id, email, [role]);
    }

    /// <summary>Posts the sign-in form as a browser would: token from the page, fields by their names.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var url = "/Account/Login" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        var token = AntiforgeryToken(await client.GetStringAsync(url, ct));
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }), ct);
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "The page carries no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _certificate?.Dispose();
        if (Postgres is not null) await Postgres.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        if (_ownsStore) await Store.DisposeAsync();
    }
}
