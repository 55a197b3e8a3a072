using CostSense.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>
/// The real app on Kestrel at a free loopback port, with an empty store of its own (so it generates the demo
/// tenant on start), and a headless Debian Chromium driven by Playwright.
/// </summary>
public class WebAppFixture : IAsyncLifetime
{
    private const string ChromiumVariable = "COSTSENSE_TEST_CHROMIUM";
    private readonly string _root = Directory.CreateTempSubdirectory("costsense-e2e-").FullName;
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public Uri BaseAddress { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public IServiceProvider Services => _factory!.Services;
    public string? SkipReason { get; private set; }

    /// <summary>Whether the app seeds the demo tenant into its empty store on start.</summary>
    protected virtual bool SeedDemoTenant => true;

    public async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            SkipReason = $"Chromium is not installed at {chromium}: apt-get install chromium, or run .ci/run.";
            return;
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Test");
            b.UseSetting("CostSense:Store:SqlitePath", Path.Combine(_root, "store.db"));
            b.UseSetting("ConnectionStrings:CostSense", "");
            b.UseSetting("ConnectionStrings:Redis", "");
            b.UseSetting("CostSense:Demo:Enabled", SeedDemoTenant ? "true" : "false");
        });
        // Port 0 on loopback: Kestrel picks a free port; the address it bound is read back from the server.
        _factory.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>Skips locally, fails under CI=true, when the browser is missing.</summary>
    public void RequireBrowser()
    {
        if (SkipReason is null) return;
        if (TestServers.InCi) Assert.Fail($"CI=true requires Chromium. {SkipReason}");
        Assert.Skip(SkipReason);
    }

    public async Task<IPage> NewPageAsync()
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1600 } });
        page.SetDefaultTimeout(30_000);
        return page;
    }

    public static string OutputPath(string file)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, file);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The app over an empty store that stays empty until someone asks for the demo tenant.</summary>
public sealed class EmptyStoreFixture : WebAppFixture
{
    protected override bool SeedDemoTenant => false;
}
