using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Tests.Infrastructure;
using CostSense.Web.Startup;
using Microsoft.AspNetCore.Identity;
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
/// tenant on start), one user per role, and a headless Debian Chromium driven by Playwright. Pages come signed in
/// through the real sign-in form.
/// </summary>
public class WebAppFixture : IAsyncLifetime
{
    private const string ChromiumVariable = "COSTSENSE_TEST_CHROMIUM";
    private readonly string _root = Directory.CreateTempSubdirectory("costsense-e2e-").FullName;
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;
    private readonly Dictionary<string, string> _signedIn = [];
    private readonly SemaphoreSlim _signInGate = new(1, 1);

    public const string Password = "e2e-Password-4711";
    public static string EmailOf(string role) => role.ToLowerInvariant() + "@e2e.test";

    public Uri BaseAddress { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public IServiceProvider Services => _factory!.Services;
    public string? SkipReason { get; private set; }

    /// <summary>Whether the app seeds the demo tenant into its empty store on start.</summary>
    protected virtual bool SeedDemoTenant => true;

    /// <summary>More settings for a fixture that needs them (e.g. where Ollama is).</summary>
    protected virtual void Configure(IWebHostBuilder builder) { }

    public virtual async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            SkipReason = $"Chromium is not installed at {chromium}: apt-get install chromium, or run .ci/run.";
            return;
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseIsolatedStore(_root, demo: SeedDemoTenant);
            Configure(b);
        });
        // Port 0 on loopback: Kestrel picks a free port; the address it bound is read back from the server.
        _factory.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        await WaitForStoreAsync();
        await CreateUsersAsync();

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

    /// <summary>A page in its own browser context, signed in as a user with the role (null: not signed in).</summary>
    public async Task<IPage> NewPageAsync(string? role = AppRoles.Analyst)
    {
        var options = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1600 } };
        if (role is not null) options.StorageState = await SignedInStateAsync(role);
        var context = await Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    /// <summary>Signs in through the sign-in page once per role and keeps the cookies for later pages.</summary>
    private async Task<string> SignedInStateAsync(string role)
    {
        await _signInGate.WaitAsync();
        try
        {
            if (_signedIn.TryGetValue(role, out var state)) return state;
            await using var context = await Browser.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(BaseAddress, "/Account/Login").ToString());
            await page.FillAsync("#email", EmailOf(role));
            await page.FillAsync("#password", Password);
            await page.ClickAsync("[data-testid=sign-in]");
            await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.OrdinalIgnoreCase));
            return _signedIn[role] = await context.StorageStateAsync();
        }
        finally
        {
            _signInGate.Release();
        }
    }

    private async Task WaitForStoreAsync()
    {
        var status = Services.GetRequiredService<StoreStatus>();
        await status.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
    }

    private async Task CreateUsersAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>();
        foreach (var role in AppRoles.All)
        {
            var user = new CostSenseUser { UserName = EmailOf(role), Email = EmailOf(role), EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
        }
    }

    public static string OutputPath(string file)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, file);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _signInGate.Dispose();
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
