using CostSense.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>
/// A headless Debian Chromium driven by Playwright. Every page it opens, and every Expect assertion, waits at most
/// <see cref="DefaultTimeout"/> unless a step says otherwise.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    private const string Variable = "COSTSENSE_TEST_CHROMIUM";

    /// <summary>How long a page waits for an element, a navigation or an assertion before the test fails.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser) => (_playwright, Browser) = (playwright, browser);

    public IBrowser Browser { get; }

    private static string ExecutablePath => Environment.GetEnvironmentVariable(Variable) ?? "/usr/bin/chromium";

    /// <summary>Why the browser cannot run here (it is not installed), or null.</summary>
    public static string? MissingReason() => File.Exists(ExecutablePath) ? null
        : $"Chromium is not installed at {ExecutablePath}: apt-get install chromium, or run .ci/run.";

    /// <summary>Skips locally, fails under CI=true, when the browser is missing.</summary>
    public static void Require(string? missingReason)
    {
        if (missingReason is null) return;
        if (TestServers.InCi) Assert.Fail($"CI=true requires Chromium. {missingReason}");
        Assert.Skip(missingReason);
    }

    public static async Task<Chromium> LaunchAsync()
    {
        Assertions.SetDefaultExpectTimeout((float)DefaultTimeout.TotalMilliseconds);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>A page in a browser context of its own (its own cookies), with the default timeout.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout((float)DefaultTimeout.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
