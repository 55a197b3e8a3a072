using CostSense.Tests.Infrastructure;
using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Data.Entities;
using CostSense.Web.Account.Entra;
using CostSense.Web.Startup;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;

namespace CostSense.Tests.Account;

/// <summary>
/// The real app, with an empty SQLite store of its own, configured for Microsoft Entra ID sign-in against
/// <see cref="EntraFakeAuthority"/>. The app's calls to the authority (discovery, keys, token) go to the fake's
/// handler, so nothing leaves the process; the test plays the browser between the two.
/// </summary>
public class EntraAppFixture : IAsyncLifetime
{
    private const string AuthorityClient = "entra-fake-authority";
    private readonly string _root = Directory.CreateTempSubdirectory("costsense-entra-").FullName;
    private WebApplicationFactory<Program>? _factory;

    public EntraFakeAuthority Authority { get; } = new();

    /// <summary>With a client secret the app uses the code flow; without one, the ID token the browser posts back.</summary>
    protected virtual bool WithClientSecret => true;
    public IServiceProvider Services => _factory!.Services;

    public async ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseIsolatedStore(_root);
            b.UseSetting("AzureAd:Instance", EntraFakeAuthority.Instance.ToString());
            b.UseSetting("AzureAd:TenantId", Authority.TenantId);
            b.UseSetting("AzureAd:ClientId", Authority.ClientId);
            if (WithClientSecret) b.UseSetting("AzureAd:ClientSecret", Authority.ClientSecret);
            b.ConfigureTestServices(services =>
            {
                // Registered after the app's own configuration, so it wins over Microsoft.Identity.Web's.
                services.Configure<OpenIdConnectOptions>(EntraOptions.Scheme, o => o.BackchannelHttpHandler = Authority.CreateHandler());
                // Microsoft.Identity.Web's issuer validator reads the authority's metadata with a client of its own.
                services.Configure<AadIssuerValidatorOptions>(o => o.HttpClientName = AuthorityClient);
                services.AddHttpClient(AuthorityClient).ConfigurePrimaryHttpMessageHandler(Authority.CreateHandler);
            });
        });
        _ = _factory.Server;
        var status = Services.GetRequiredService<StoreStatus>();
        await status.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>A browser of its own: its own cookies, redirects followed by the test.</summary>
    public EntraBrowser NewBrowser() => new(_factory!.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        // The correlation and nonce cookies are Secure: the browser side must be https for them to come back.
        BaseAddress = new Uri("https://localhost"),
    }), Authority);

    public async Task<CostSenseUser?> FindUserAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>().FindByEmailAsync(email);
    }

    public async Task<IList<string>> RolesOfAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>();
        return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
    }

    public async Task<IList<UserLoginInfo>> LoginsOfAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>();
        return await users.GetLoginsAsync((await users.FindByEmailAsync(email))!);
    }

    /// <summary>A local account with a password, as an Admin would create it.</summary>
    public async Task CreateLocalUserAsync(string email, string role, bool locked = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>();
        var user = new CostSenseUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, "local-Password-4711");
        if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        if (locked) await LockAsync(email);
    }

    public async Task LockAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditOfAsync(string email) =>
        (await Services.GetRequiredService<AuditTrail>().ListAsync(Actor.System, new AuditQuery(Take: AuditTrail.MaxPage), CancellationToken.None))
        .Where(e => e.Target == email).ToList();

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        Authority.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The same app with no AzureAd:ClientSecret.</summary>
public sealed class EntraAppWithoutSecretFixture : EntraAppFixture
{
    protected override bool WithClientSecret => false;
}
