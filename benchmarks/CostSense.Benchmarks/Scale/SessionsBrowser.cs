using Microsoft.Playwright;

namespace CostSense.Benchmarks.Scale;

/// <summary>
/// Debian's headless Chromium driven by Playwright, signed in once through the app's real sign-in form; every session
/// is a new browser context with that sign-in's cookies (its own tab, so its own circuit).
/// </summary>
public sealed class SessionsBrowser : IAsyncDisposable
{
    /// <summary>Debian's chromium, or where COSTSENSE_TEST_CHROMIUM says (as the end-to-end tests read it).</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("COSTSENSE_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private string? _signedIn;

    private SessionsBrowser(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    public static async Task<SessionsBrowser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"The sessions scenario drives Chromium at {ExecutablePath}, and it is not installed: apt-get install chromium (CI installs it).");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return new SessionsBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Signs in through the form once and keeps the cookies; the page it lands on is closed again.</summary>
    public async Task SignInAsync(Uri baseAddress, string email, string password)
    {
        var context = await NewContextAsync(null);
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(baseAddress, "/Account/Login").ToString());
            await page.FillAsync("#email", email);
            await page.FillAsync("#password", password);
            await page.ClickAsync("[data-testid=sign-in]");
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.OrdinalIgnoreCase));
            }
            catch (TimeoutException e)
            {
                var text = await page.InnerTextAsync("body");
                throw new InvalidOperationException($"Sign-in as {email} did not leave {page.Url}; the page said: {text[..Math.Min(text.Length, 400)]}", e);
            }
            _signedIn = await context.StorageStateAsync();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>A page in a browser context of its own, with the signed-in cookies.</summary>
    public async Task<IPage> NewSignedInPageAsync()
    {
        var context = await NewContextAsync(_signedIn ?? throw new InvalidOperationException("Sign in first."));
        return await context.NewPageAsync();
    }

    private async Task<IBrowserContext> NewContextAsync(string? state)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            StorageState = state,
            ViewportSize = new ViewportSize { Width = 1440, Height = 1600 },
        });
        // Set-up steps on a busy two-core machine; the timed changes have a limit of their own.
        context.SetDefaultTimeout(120_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
