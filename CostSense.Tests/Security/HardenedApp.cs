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
/// <see cref="StartOnKestrelAsync"/> serves it on a loopback port, so the headers are the ones Kestrel sends.
/// </summary>
public sealed class HardenedApp : IAsyncDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("costsense-security-").FullName;

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

    /// <summary>An HTTP client to the app on Kestrel at a free loopback port.</summary>
    public HttpClient StartOnKestrel()
    {
        Factory.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        Factory.StartServer();
        var address = Factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new HttpClient { BaseAddress = new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal)) };
    }

    /// <summary>Signs the client in as the first admin through the sign-in form (pages need a user).</summary>
    public static async Task SignInAsync(HttpClient client)
    {
        using var response = await Infrastructure.TestApp.SignInAsync(client, Infrastructure.TestApp.AdminEmail, Infrastructure.TestApp.AdminPassword);
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Redirect, $"Sign-in answered {(int)response.StatusCode}");
        Assert.DoesNotContain("login-form", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
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
