using System.Net;
using System.Text.RegularExpressions;
using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Data.Entities;
using CostSense.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Access;

/// <summary>
/// Sign-in must not tell which e-mails have an account: an unknown e-mail costs the same password hashing as a wrong
/// password, gets the same page, and reaches the lockout page after as many failures. A lockout is audited once.
/// </summary>
public sealed partial class SignInEnumerationTests(SignInEnumerationTests.App fixture) : IClassFixture<SignInEnumerationTests.App>
{
    /// <summary>The app with a password hasher that counts its verifications.</summary>
    public sealed class App : IAsyncLifetime
    {
        public TestApp Instance { get; private set; } = null!;
        public CountingPasswordHasher Hasher { get; } = new();

        public async ValueTask InitializeAsync() => Instance = await TestApp.StartAsync(services: s =>
            s.AddScoped<IPasswordHasher<CostSenseUser>>(_ => Hasher));

        public async ValueTask DisposeAsync() => await Instance.DisposeAsync();
    }

    public sealed class CountingPasswordHasher : IPasswordHasher<CostSenseUser>
    {
        private readonly PasswordHasher<CostSenseUser> _inner = new();
        private int _verifications;

        public int Verifications => System.Threading.Volatile.Read(ref _verifications);

        public string HashPassword(CostSenseUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(CostSenseUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnknownEmail_WrongPassword_AndAnAccountWithoutPassword_EachVerifyExactlyOnePasswordHash()
    {
        var app = fixture.Instance;
        await app.EnsureUserAsync("known@app.test", AppRoles.Viewer);
        await CreateExternalOnlyUserAsync("entra-only@app.test");
        using var client = app.Client();

        var wrongPassword = await VerificationsDuringAsync(() => TestApp.SignInAsync(client, "known@app.test", "not-the-password"));
        var unknownEmail = await VerificationsDuringAsync(() => TestApp.SignInAsync(client, "nobody-at-all@app.test", "not-the-password"));
        var noPassword = await VerificationsDuringAsync(() => TestApp.SignInAsync(client, "entra-only@app.test", "not-the-password"));

        Assert.Equal(1, wrongPassword);
        Assert.Equal(1, unknownEmail);
        Assert.Equal(1, noPassword);
    }

    [Fact]
    public async Task UnknownEmail_AndWrongPassword_GetTheSamePage()
    {
        var app = fixture.Instance;
        await app.EnsureUserAsync("same-page@app.test", AppRoles.Viewer);
        using var client = app.Client();

        using var known = await TestApp.SignInAsync(client, "same-page@app.test", "not-the-password");
        using var unknown = await TestApp.SignInAsync(client, "no-page@app.test", "not-the-password");

        Assert.Equal(known.StatusCode, unknown.StatusCode);
        var knownHtml = Normalize(await known.Content.ReadAsStringAsync(Ct), "same-page@app.test");
        var unknownHtml = Normalize(await unknown.Content.ReadAsStringAsync(Ct), "no-page@app.test");
        Assert.Equal(knownHtml, unknownHtml);
        Assert.Contains("That e-mail and password do not match an account.", knownHtml);
    }

    [Fact]
    public async Task UnknownEmail_ReachesTheLockoutPage_AfterAsManyFailuresAsARealAccount()
    {
        var app = fixture.Instance;
        await app.EnsureUserAsync("real-lock@app.test", AppRoles.Viewer);
        using var client = app.Client();

        var real = await OutcomesAsync(client, "real-lock@app.test", 7);
        var unknown = await OutcomesAsync(client, "ghost-lock@app.test", 7);

        Assert.Equal(["form", "form", "form", "form", "/Account/Lockout", "/Account/Lockout", "/Account/Lockout"], real);
        Assert.Equal(real, unknown);
    }

    [Fact]
    public async Task LockedAccount_IsAuditedOnce_HoweverManyAttemptsFollow()
    {
        var app = fixture.Instance;
        await app.EnsureUserAsync("audit-lock@app.test", AppRoles.Viewer);
        using var client = app.Client();

        var outcomes = await OutcomesAsync(client, "audit-lock@app.test", 5);
        Assert.Equal("/Account/Lockout", outcomes[^1]);
        // An attacker keeps trying, with the right password too.
        for (var i = 0; i < 10; i++)
        {
            using var again = await TestApp.SignInAsync(client, "audit-lock@app.test", i % 2 == 0 ? "wrong-again" : TestApp.Password);
            Assert.Contains("/Account/Lockout", again.Headers.Location!.OriginalString);
        }

        var entries = await app.Services.GetRequiredService<AuditTrail>()
            .ListAsync(Actor.System, new AuditQuery(ActionPrefix: AuditActions.UserLockedOut), Ct);
        var lockout = Assert.Single(entries, e => e.Target == "audit-lock@app.test");
        Assert.Contains("after 5 failed sign-ins", lockout.Detail);
    }

    /// <summary>Where each of n wrong sign-ins lands: back on the form, or the page it redirects to.</summary>
    private static async Task<List<string>> OutcomesAsync(HttpClient client, string email, int attempts)
    {
        var outcomes = new List<string>();
        for (var i = 0; i < attempts; i++)
        {
            using var response = await TestApp.SignInAsync(client, email, $"wrong-{i}");
            outcomes.Add(response.StatusCode == HttpStatusCode.OK ? "form" : new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath);
        }
        return outcomes;
    }

    private async Task<int> VerificationsDuringAsync(Func<Task<HttpResponseMessage>> signIn)
    {
        var before = fixture.Hasher.Verifications;
        using var response = await signIn();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return fixture.Hasher.Verifications - before;
    }

    /// <summary>An account that signs in only through Entra ID: it has no password hash.</summary>
    private async Task CreateExternalOnlyUserAsync(string email)
    {
        await using var scope = fixture.Instance.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>();
        if (await users.FindByEmailAsync(email) is not null) return;
        var user = new CostSenseUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, AppRoles.Viewer)).Succeeded);
    }

    /// <summary>
    /// The page without what differs per response anyway: protected payloads (tokens, component markers, persisted
    /// component state), nonces, and the e-mail typed into the form.
    /// </summary>
    private static string Normalize(string html, string email) =>
        Nonce().Replace(State().Replace(Protected().Replace(html, "…"), "<!--Blazor-Component-State:…-->"), "nonce=\"…\"")
            .Replace(email, "{email}", StringComparison.Ordinal);

    [GeneratedRegex("<!--Blazor-[A-Za-z]*-?Component-State:[^>]*-->")]
    private static partial Regex State();

    [GeneratedRegex("CfDJ8[A-Za-z0-9_\\-]+")]
    private static partial Regex Protected();

    [GeneratedRegex("nonce=\"[^\"]+\"")]
    private static partial Regex Nonce();
}
