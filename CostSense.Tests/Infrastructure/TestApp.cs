using System.Net;
using System.Text.RegularExpressions;
using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Web.Startup;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CostSense.Tests.Infrastructure;

/// <summary>
/// The whole app in process over a fresh SQLite store (no demo data unless asked), with an HTTP client that
/// keeps cookies and does not follow redirects, and sign-in through the real form.
/// </summary>
public sealed partial class TestApp : IAsyncDisposable
{
    public const string AdminEmail = "admin@costsense.local";
    public const string AdminPassword = "first-Admin-password-1";
    public const string Password = "test-Password-4711";

    private readonly string _root = Directory.CreateTempSubdirectory("costsense-app-").FullName;
    private readonly WebApplicationFactory<Program> _factory;

    private TestApp(IDictionary<string, string?> settings, Microsoft.Extensions.Logging.ILoggerProvider? logs, Action<IServiceCollection>? services)
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseIsolatedStore(_root);
            b.UseSetting("CostSense:Admin:Password", AdminPassword);
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            if (logs is not null) b.ConfigureLogging(l => l.AddProvider(logs));
            if (services is not null) b.ConfigureTestServices(services);
        });
    }

    /// <summary>
    /// Where clients reach the app. https, as a deployment serves it: outside Development the app's cookies are Secure,
    /// and a client sends those back only over https (the in-memory server needs no certificate).
    /// </summary>
    public static Uri BaseAddress { get; } = new("https://localhost");

    public IServiceProvider Services => _factory.Services;

    public static async Task<TestApp> StartAsync(IDictionary<string, string?>? settings = null, Microsoft.Extensions.Logging.ILoggerProvider? logs = null,
        Action<IServiceCollection>? services = null)
    {
        var app = new TestApp(settings ?? new Dictionary<string, string?>(), logs, services);
        var status = app.Services.GetRequiredService<StoreStatus>();
        await status.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        return app;
    }

    public static string EmailOf(string role) => role.ToLowerInvariant() + "@app.test";

    public HttpClient Client() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = BaseAddress });

    /// <summary>A client whose cookies live in the given container, so a test can carry them to another instance.</summary>
    public HttpClient Client(CookieContainer cookies) => _factory.CreateDefaultClient(BaseAddress, new CookieContainerHandler(cookies));

    /// <summary>Creates a user with the role (once) and returns a client signed in as them.</summary>
    public async Task<HttpClient> SignedInAsync(string role)
    {
        await EnsureUserAsync(EmailOf(role), role);
        var client = Client();
        var response = await SignInAsync(client, EmailOf(role), Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task<CostSenseUser> EnsureUserAsync(string email, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>();
        if (await users.FindByEmailAsync(email) is { } existing) return existing;
        var user = new CostSenseUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
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
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
