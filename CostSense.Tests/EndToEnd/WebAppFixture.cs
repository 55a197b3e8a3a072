using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>
/// The real app on Kestrel at a free loopback port, with an empty store of its own (so it generates the demo
/// tenant on start), one user per role, and a headless Debian Chromium driven by Playwright. Pages come signed in
/// through the real sign-in form.
/// </summary>
public class WebAppFixture : IAsyncLifetime
{
    private TestApp? _app;
    private Chromium? _chromium;
    private readonly Dictionary<string, string> _signedIn = [];
    private readonly SemaphoreSlim _signInGate = new(1, 1);

    private static readonly TimeSpan SetUpTimeout = TimeSpan.FromSeconds(60);

    public static string EmailOf(string role) => TestApp.EmailOf(role);

    public Uri BaseAddress => _app!.BaseAddress;
    public IBrowser Browser => _chromium!.Browser;
    public IServiceProvider Services => _app!.Services;
    public string? SkipReason { get; private set; }

    /// <summary>The app this fixture runs; a derived fixture changes what it needs (settings, demo data).</summary>
    protected virtual TestAppOptions Options => new()
    {
        Server = AppServer.KestrelHttp,
        DemoData = true,
        Users = AppRoles.All,
    };

    public virtual async ValueTask InitializeAsync()
    {
        // Without a browser there is nothing to drive: the tests skip (or fail under CI) before the app is started.
        SkipReason = Chromium.MissingReason();
        if (SkipReason is not null) return;
        _app = await TestApp.StartAsync(Options);
        _chromium = await Chromium.LaunchAsync();
    }

    /// <summary>Skips locally, fails under CI=true, when the browser is missing.</summary>
    public void RequireBrowser() => Chromium.Require(SkipReason);

    /// <summary>A page in its own browser context, signed in as a user with the role (null: not signed in).</summary>
    public async Task<IPage> NewPageAsync(string? role = AppRoles.Analyst)
    {
        var options = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1600 } };
        if (role is not null) options.StorageState = await SignedInStateAsync(role);
        return await _chromium!.NewPageAsync(options);
    }

    /// <summary>Signs in through the sign-in page once per role and keeps the cookies for later pages.</summary>
    private async Task<string> SignedInStateAsync(string role)
    {
        await _signInGate.WaitAsync();
        try
        {
            if (_signedIn.TryGetValue(role, out var state)) return state;
            var page = await _chromium!.NewPageAsync();
            await using var context = page.Context;
            // Set-up, not a test step: the first pages of a fresh app render cold (JIT, first queries) while other
            // test classes start apps and browsers of their own.
            context.SetDefaultTimeout((float)SetUpTimeout.TotalMilliseconds);
            var signIn = new SignInPage(page, BaseAddress);
            // Once more if the first try never left the sign-in page (a CI run starved the cold app for a minute once);
            // a second failure says where the browser stood and what the page said.
            for (var attempt = 1; ; attempt++)
            {
                await signIn.OpenAsync();
                await signIn.SignInAsync(EmailOf(role), TestApp.Password);
                try
                {
                    await signIn.WaitUntilSignedInAsync();
                    return _signedIn[role] = await context.StorageStateAsync();
                }
                catch (TimeoutException e) when (attempt == 1)
                {
                    Console.WriteLine($"Sign-in as {role} did not leave {page.Url} in time ({e.Message.Split('\n')[0]}); trying again.");
                }
                catch (TimeoutException e)
                {
                    var text = await page.InnerTextAsync("body");
                    throw new TimeoutException($"Sign-in as {role} did not leave {page.Url}; the page said: {text[..Math.Min(text.Length, 400)]}", e);
                }
            }
        }
        finally
        {
            _signInGate.Release();
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
        if (_chromium is not null) await _chromium.DisposeAsync();
        _signInGate.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}
