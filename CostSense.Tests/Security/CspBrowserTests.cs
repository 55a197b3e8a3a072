using CostSense.Tests.EndToEnd;
using Microsoft.Playwright;

namespace CostSense.Tests.Security;

public sealed class CspBrowserTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    // Recorded from the first moment of every document, before any page script runs.
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
        """;

    [Fact]
    public async Task Dashboard_UnderTheContentSecurityPolicy_GoesLiveAndWorks_WithoutAViolation()
    {
        app.RequireBrowser();
        var page = await app.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") lock (console) console.Add(m.Text); };
        var sockets = new List<string>();
        page.WebSocket += (_, ws) => { lock (sockets) sockets.Add(ws.Url); };
        await page.AddInitScriptAsync(RecordViolations);
        var dashboard = new DashboardPage(page, app.BaseAddress);

        // The circuit's WebSocket connects, MudBlazor's script and styles work, a popover opens and a filter applies.
        await dashboard.OpenAsync();
        await dashboard.WaitForChartAsync();
        await dashboard.ChooseSubscriptionAsync("Contoso Dev/Test");
        // Navigating inside the circuit renders another page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Data", Exact = true }).ClickAsync();
        await page.Locator("[data-testid=store-overview] [data-testid=recent-imports]").WaitForAsync();

        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        Assert.Empty(violations);
        // connect-src 'self' let the circuit use its same-origin WebSocket (no fallback transport).
        lock (sockets) Assert.Contains(sockets, url => url.StartsWith("ws://", StringComparison.Ordinal) && url.Contains("/_blazor", StringComparison.Ordinal));
        lock (console) Assert.DoesNotContain(console, text => text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
