using CostSense.Tests.Infrastructure;
using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Data.Entities;
using CostSense.Web.Account.Entra;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
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
    private TestApp _app = null!;

    public EntraFakeAuthority Authority { get; } = new();

    /// <summary>With a client secret the app uses the code flow; without one, the ID token the browser posts back.</summary>
    protected virtual bool WithClientSecret => true;
    public IServiceProvider Services => _app.Services;

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureAd:Instance"] = EntraFakeAuthority.Instance.ToString(),
            ["AzureAd:TenantId"] = Authority.TenantId,
            ["AzureAd:ClientId"] = Authority.ClientId,
        };
        if (WithClientSecret) settings["AzureAd:ClientSecret"] = Authority.ClientSecret;
        _app = await TestApp.StartAsync(new TestAppOptions
        {
            Settings = settings,
            Services = services =>
            {
                // Registered after the app's own configuration, so it wins over Microsoft.Identity.Web's.
                services.Configure<OpenIdConnectOptions>(EntraOptions.Scheme, o => o.BackchannelHttpHandler = Authority.CreateHandler());
                // Microsoft.Identity.Web's issuer validator reads the authority's metadata with a client of its own.
                services.Configure<AadIssuerValidatorOptions>(o => o.HttpClientName = AuthorityClient);
                services.AddHttpClient(AuthorityClient).ConfigurePrimaryHttpMessageHandler(Authority.CreateHandler);
            },
        });
    }

    /// <summary>A browser of its own: its own cookies, redirects followed by the test.</summary>
    /// <remarks>Over https (the in-memory address): the correlation and nonce cookies are Secure, and must come back.</remarks>
    public EntraBrowser NewBrowser() => new(_app.Client(), Authority);

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
        await _app.EnsureUserAsync(email, role);
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
        if (_app is not null) await _app.DisposeAsync();
        Authority.Dispose();
    }
}
