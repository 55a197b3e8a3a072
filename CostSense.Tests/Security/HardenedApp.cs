using CostSense.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Security;

/// <summary>
/// The real app in the Test environment over an empty SQLite store of its own (no demo tenant, so it starts fast).
/// <see cref="StartOnKestrel"/> serves it on a loopback port, so the headers are the ones Kestrel sends.
/// </summary>
public sealed class HardenedApp : IAsyncDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("costsense-security-").FullName;
    private readonly TestCertificate _certificate = new();

    public HardenedApp(Action<IWebHostBuilder>? configure = null)
    {
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseIsolatedStore(_root);
            b.UseSetting("CostSense:Admin:Password", Infrastructure.TestApp.AdminPassword);
            configure?.Invoke(b);
        });
    }

    public WebApplicationFactory<Program> Factory { get; }

    /// <summary>
    /// A client to the app on Kestrel at a free loopback port: over https with a certificate the client trusts, as a
    /// deployment serves it; or over plain http, as the app sees requests that a TLS proxy forwards.
    /// </summary>
    public HttpClient StartOnKestrel(bool https = true)
    {
        Factory.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, listen =>
        {
            if (https) listen.UseHttps(_certificate.Certificate);
        }));
        Factory.StartServer();
        var address = Factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        // Over http the test handles cookies itself: outside Development they are Secure, and a cookie jar keeps them for https only.
        return new HttpClient(https ? _certificate.TrustingHandler() : new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal)),
        };
    }

    /// <summary>Signs the client in as the first admin through the sign-in form (pages need a user).</summary>
    public static async Task SignInAsync(HttpClient client)
    {
        using var response = await Infrastructure.TestApp.SignInAsync(client, Infrastructure.TestApp.AdminEmail, Infrastructure.TestApp.AdminPassword);
        // A sign-in redirects; the form again (200) means it failed.
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect, $"Sign-in answered {(int)response.StatusCode}: " + AccountMessage(html));
    }

    /// <summary>What the sign-in page says went wrong, for a failing test's message.</summary>
    private static string AccountMessage(string html)
    {
        var at = html.IndexOf("data-testid=\"account-message\"", StringComparison.Ordinal);
        return at < 0 ? "(no message on the page)" : System.Text.RegularExpressions.Regex.Replace(html[at..Math.Min(html.Length, at + 600)], "<[^>]*>", " ");
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        _certificate.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>One app on Kestrel shared by a test class.</summary>
public sealed class KestrelAppFixture : IAsyncLifetime
{
    private readonly HardenedApp _app = new();

    public HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Client = _app.StartOnKestrel();
        await HardenedApp.SignInAsync(Client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
