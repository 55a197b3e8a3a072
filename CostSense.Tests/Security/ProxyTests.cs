using System.Net;
using CostSense.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace CostSense.Tests.Security;

/// <summary>
/// Behind a TLS-terminating reverse proxy, as the compose file deploys it: the app gets plain http on its port and
/// learns the browser's scheme and address from X-Forwarded-Proto and X-Forwarded-For, from the proxies it trusts.
/// </summary>
public sealed class ProxyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BehindATlsProxy_CookiesAreSecure_AndBrowsersAreToldToStayOnHttps()
    {
        await using var app = new HardenedApp();
        using var client = app.StartOnKestrel(https: false);
        AsForwardedByTheProxy(client, "https");

        using var page = await client.GetAsync("/Account/Login", Ct);
        var antiforgery = Assert.Single(SetCookies(page), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.True(page.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "No HSTS header behind a TLS proxy");
        Assert.StartsWith("max-age=31536000", Assert.Single(hsts));

        using var signIn = await SignInAsync(client, page);
        var session = Assert.Single(SetCookies(signIn), c => c.StartsWith("CostSense.Auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PlainHttpWithoutAProxy_OutsideDevelopment_StillMarksTheCookiesSecure()
    {
        await using var app = new HardenedApp();
        using var client = app.StartOnKestrel(https: false);

        using var page = await client.GetAsync("/Account/Login", Ct);

        var antiforgery = Assert.Single(SetCookies(page), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        // Not https as far as the app knows: no HSTS (browsers ignore it over http anyway).
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task ForwardedHeaders_FromAnAddressThatIsNotAKnownProxy_AreIgnored()
    {
        // The proxy is somewhere else: a request straight from loopback may not claim to be https.
        await using var app = new HardenedApp(b => b.UseSetting("CostSense:Proxy:KnownProxies", "10.9.9.9"));
        using var client = app.StartOnKestrel(https: false);
        AsForwardedByTheProxy(client, "https");

        using var page = await client.GetAsync("/Account/Login", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task ForwardedHeaders_FromAKnownProxyNetwork_AreBelieved()
    {
        await using var app = new HardenedApp(b => b.UseSetting("CostSense:Proxy:KnownNetworks", "10.0.0.0/8, 127.0.0.0/8"));
        using var client = app.StartOnKestrel(https: false);
        AsForwardedByTheProxy(client, "https");

        using var page = await client.GetAsync("/Account/Login", Ct);

        Assert.True(page.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("CostSense:Proxy:KnownProxies", "not-an-address")]
    [InlineData("CostSense:Proxy:KnownNetworks", "10.0.0.0/99")]
    [InlineData("CostSense:Proxy:ForwardLimit", "0")]
    public async Task Start_WithAMalformedProxySetting_FailsNamingTheKey(string key, string value)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions { EnvironmentName = "Test" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration[key] = value;
        CostSense.Web.WebRegistration.AddCostSenseHardening(builder);

        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
        {
            await using var app = builder.Build();
            await app.StartAsync(Ct);
        });

        Assert.Contains(key.Split(':')[^1], ex.Message);
        Assert.Contains(value, ex.Message);
    }

    [Fact]
    public async Task SignInPage_OverPlainHttpAtAnotherHost_WarnsThatTheBrowserWillDropTheSignIn()
    {
        await using var app = new HardenedApp();
        using var client = app.StartOnKestrel(https: false);
        client.DefaultRequestHeaders.Host = "costsense.intranet.example";

        var html = await client.GetStringAsync("/Account/Login", Ct);

        Assert.Contains("data-testid=\"insecure-origin\"", html);
        Assert.Contains("https", html);
    }

    [Fact]
    public async Task SignInPage_OverHttpsOrAtLocalhost_HasNoWarning()
    {
        await using var app = new HardenedApp();
        using var https = app.StartOnKestrel();
        Assert.DoesNotContain("insecure-origin", await https.GetStringAsync("/Account/Login", Ct));

        await using var plain = new HardenedApp();
        using var local = plain.StartOnKestrel(https: false);
        local.DefaultRequestHeaders.Host = "localhost";
        Assert.DoesNotContain("insecure-origin", await local.GetStringAsync("/Account/Login", Ct));
    }

    /// <summary>What nginx or Traefik adds in front of the app: the browser's scheme, address and host.</summary>
    private static void AsForwardedByTheProxy(HttpClient client, string scheme)
    {
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", scheme);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        client.DefaultRequestHeaders.Host = "costsense.example.com";
    }

    /// <summary>Posts the sign-in form with the token and antiforgery cookie the page gave (the client keeps no cookies).</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync(Ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = TestApp.AntiforgeryToken(html),
                ["_handler"] = "login",
                ["Input.Email"] = TestApp.AdminEmail,
                ["Input.Password"] = TestApp.AdminPassword,
            }),
        };
        request.Headers.Add("Cookie", string.Join("; ", SetCookies(page).Select(c => c.Split(';')[0])));
        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
}
